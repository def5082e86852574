// Fuzz target: database URLs (ConnectionUrl::parse) and password masking. What a parsed URL
// prints must parse back to the same connection (recent-connection lists store
// toStorableString() and open it again later), the stored and displayed forms must never
// carry the password, and maskUrlPasswords must hide the password of any URL it is given.

#include "FuzzSupport.h"

#include "db/ConnectionUrl.h"

using namespace migconsole;

namespace {

bool sameConnection(const ConnectionUrl &a, const ConnectionUrl &b)
{
    return a.dialect == b.dialect && a.user == b.user && a.host == b.host && a.port == b.port &&
           a.database == b.database && a.parameters == b.parameters;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::inputBytes(data, size));
    const Expected<ConnectionUrl> url = ConnectionUrl::parse(text);
    (void)maskUrlPasswords(text);
    if (!url) {
        FUZZ_CHECK(!url.error().message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(url->effectivePort() > 0);
    const QString stored = url->toStorableString();
    const QString shown = url->toDisplayString();
    const Expected<ConnectionUrl> again = ConnectionUrl::parse(stored);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(sameConnection(*url, *again));
    FUZZ_CHECK(again->password.isEmpty());
    const Expected<ConnectionUrl> shownAgain = ConnectionUrl::parse(shown);
    FUZZ_CHECK(shownAgain.ok());
    FUZZ_CHECK(shownAgain->password == (url->password.isEmpty() ? QString() : QStringLiteral("***")));
    return 0;
}
