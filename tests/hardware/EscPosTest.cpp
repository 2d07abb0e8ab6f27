#include "guichet/hardware/EscPos.hpp"

#include "TempDir.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace guichet;
using namespace guichet::hardware;

namespace {
Ticket sampleTicket() {
    return Ticket{"Guichet — CCAS de Villeurbanne",
                  "A-042",
                  {"2 lettres", "1 avis de recommandé"},
                  "Merci de patienter, on vous appelle"};
}
} // namespace

TEST_CASE("French text is converted to the printer's code page, never sent as raw UTF-8") {
    CHECK(toPc858("é") == "\x82");
    CHECK(toPc858("Reçu à 10h") == "Re\x87u \x85 10h");
    CHECK(toPc858("Œuvre cœur — ok") == "OEuvre coeur - ok");
    CHECK(toPc858("日本") == "??"); // no such glyphs: never garbage bytes
    CHECK(toPc858("10 €") == "10 \xD5");
    CHECK(toPc858("a\x1B@b") == "a @b"); // an escape in data cannot reset the printer
    CHECK(toPc858("\xE2\x82") == "??");  // truncated UTF-8: one ? per bad byte
}

TEST_CASE("a ticket initialises, prints the number large, and cuts") {
    std::string bytes = encodeEscPos(sampleTicket());
    CHECK(bytes.rfind("\x1B@", 0) == 0);
    CHECK(bytes.find("\x1D!\x33") != std::string::npos);
    CHECK(bytes.find("A-042") != std::string::npos);
    CHECK(bytes.find("avis de recommand\x82") != std::string::npos);
    CHECK(bytes.substr(bytes.size() - 3) == "\x1DV\x01");
}

TEST_CASE("the simulated printer appends tickets to its file, a missing device is named") {
    test::TempDir dir;
    EscPosPrinter printer(dir.file("printer.bin"));
    REQUIRE(printer.print(sampleTicket()));
    REQUIRE(printer.print(sampleTicket()));
    std::ifstream in(dir.file("printer.bin"), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    CHECK(content.str() == encodeEscPos(sampleTicket()) + encodeEscPos(sampleTicket()));

    EscPosPrinter absent(dir.file("no/such/dev/lp0"));
    auto r = absent.print(sampleTicket());
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("no/such/dev/lp0") && Catch::Contains("cannot open"));
}
