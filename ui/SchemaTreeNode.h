#pragma once

// The tree model's row, shared by its two source files (SchemaTreeModel.cpp builds and
// shows rows, SchemaTreeLookup.cpp finds them by name). Private to SchemaTreeModel.

#include "SchemaTreeModel.h"

#include <vector>

namespace migconsole {

struct SchemaTreeModel::Node
{
    SchemaNodeKind kind = SchemaNodeKind::None;
    Node *parent = nullptr;
    int row = 0;
    int ns = -1;    // index into Schema::namespaces
    int table = -1; // index into Namespace::tables
    int item = -1;  // index into the list the kind names (columns, indexes, views, …)
    bool populated = false;
    // One allocation per parent, not per row: filtering 10,000 tables creates every row.
    // Reserved to its final size before it is filled, so the rows never move.
    std::vector<Node> children;
};

} // namespace migconsole
