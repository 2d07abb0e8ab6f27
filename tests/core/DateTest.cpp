#include "guichet/core/Date.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace std::chrono;

TEST_CASE("dates parse in the forms directories use, and refuse impossible ones") {
    CHECK(parseDate("1980-05-12") == Date{year{1980}, month{5}, day{12}});
    CHECK(parseDate("12/05/1980") == Date{year{1980}, month{5}, day{12}});
    CHECK(parseDate("1980-05-12T00:00:00.000Z") == Date{year{1980}, month{5}, day{12}});
    CHECK_FALSE(parseDate("1980-02-30"));
    CHECK_FALSE(parseDate("31/04/1999"));
    CHECK_FALSE(parseDate("1980-5-12"));
    CHECK_FALSE(parseDate("12/05/80"));
    CHECK_FALSE(parseDate("hier"));
    CHECK(formatDateFr(*parseDate("2026-11-23")) == "23/11/2026");
}

TEST_CASE("instants round-trip through ISO 8601") {
    auto t = parseInstant("2026-11-23T10:05:00.123Z");
    REQUIRE(t);
    CHECK(formatInstant(*t) == "2026-11-23T10:05:00Z");
    CHECK(dateOf(*t) == *parseDate("2026-11-23"));
    CHECK_FALSE(parseInstant("2026-11-23T10:05:00+02:00")); // only UTC is accepted, never guessed
}
