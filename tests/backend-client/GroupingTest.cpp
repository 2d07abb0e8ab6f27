#include "guichet/sync/Grouping.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace guichet::sync;

namespace {
Event ev(EventId id, EventType type, DossierRef who, int count = 1, std::string batch = {}) {
    Event e;
    e.id = id;
    e.type = type;
    e.dossier = who;
    e.count = count;
    e.batchKey = std::move(batch);
    return e;
}
} // namespace

TEST_CASE("arrivals are grouped per person, kind and intake batch, never across an Out", "[grouping]") {
    const std::vector<Event> events{
        ev(1, EventType::CourrierIn, 7, 1, "b1"), ev(2, EventType::CourrierIn, 8, 1, "b1"),
        ev(3, EventType::CourrierIn, 7, 2, "b1"), ev(4, EventType::ColisIn, 7, 1, "b1"),
        ev(5, EventType::CourrierOut, 7),         ev(6, EventType::CourrierIn, 7, 1, "b1"),
        ev(7, EventType::CourrierIn, 7, 1, "b2"), ev(8, EventType::CourrierIn, 7, 1, ""),
        ev(9, EventType::CourrierIn, 7, 1, ""),   ev(10, EventType::ColisIn, 7, 2, "b1")};
    const auto units = groupEvents(events);
    REQUIRE(units.size() == 8);
    CHECK(units[0].events == std::vector<EventId>{1, 3});
    CHECK(units[0].count == 3);
    CHECK(units[1].events == std::vector<EventId>{2});
    CHECK(units[2].events == std::vector<EventId>{4, 10}); // the courrier Out does not close parcels
    CHECK(units[3].type == EventType::CourrierOut);
    CHECK(units[4].events == std::vector<EventId>{6}); // after the Out: a new group
    CHECK(units[5].events == std::vector<EventId>{7});
    CHECK(units[6].events == std::vector<EventId>{8}); // no batch: never merged
    CHECK(units[7].events == std::vector<EventId>{9});
}

TEST_CASE("a group never exceeds nbCourrier 100", "[grouping]") {
    const auto units =
        groupEvents({ev(1, EventType::CourrierIn, 1, 60, "b"), ev(2, EventType::CourrierIn, 1, 50, "b"),
                     ev(3, EventType::CourrierIn, 1, 40, "b")});
    REQUIRE(units.size() == 2);
    CHECK(units[0].count == 60);
    CHECK(units[1].count == 90);
}

TEST_CASE("content: the marker always, the real arrival time when late", "[grouping]") {
    const Instant arrived = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours(10);
    Event e = ev(1234, EventType::CourrierIn, 1);
    e.createdAt = arrived;
    const std::string marker = markerText("G", 1234);
    CHECK(marker == "(réf. G-1234)");
    const std::string onTime =
        composeContent({e}, e.type, marker, arrived + std::chrono::minutes(2), std::chrono::minutes(15));
    CHECK(onTime == "Guichet (réf. G-1234)");
    const std::string late =
        composeContent({e}, e.type, marker, arrived + std::chrono::hours(30), std::chrono::minutes(15));
    CHECK(late.rfind("Arrivé le 23/11/2026 à ", 0) == 0);
    CHECK(late.ends_with(" (réf. G-1234)"));
}
