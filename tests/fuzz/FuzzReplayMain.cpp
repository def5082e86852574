// The fuzz targets' main in the normal (non-libFuzzer) build: runs every file of the folders
// given on the command line through the target once, so the committed corpus and every
// regression input are checked by ctest on each CI run, with whatever compiler and
// sanitizers that build uses. A crash or a failed invariant aborts, failing the test.

#include "FuzzSupport.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " DIR_OR_FILE...\n";
        return 2;
    }
    size_t inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const fs::path given(argv[i]);
        std::vector<fs::path> files;
        std::error_code error;
        if (fs::is_directory(given, error)) {
            for (const fs::directory_entry &entry : fs::directory_iterator(given))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end()); // a stable order for reproducible logs
        } else if (fs::is_regular_file(given, error)) {
            files.push_back(given);
        } else {
            // A missing folder would make the test pass without checking anything.
            std::cerr << "no such file or folder: " << given << "\n";
            return 2;
        }
        for (const fs::path &file : files) {
            std::ifstream in(file, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
            std::cerr << "running " << file.string() << " (" << bytes.size() << " bytes)\n";
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
            ++inputs;
        }
    }
    if (inputs == 0) {
        std::cerr << "no inputs found\n";
        return 2;
    }
    std::cout << "ran " << inputs << " inputs without a crash or a failed invariant\n";
    return 0;
}
