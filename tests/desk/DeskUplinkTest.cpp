// The desk's flows end to end to the stand-in DomiFa: what a hand-over (person, proxy), a return
// and a kiosk visit become there, exactly once.
#include "../backend-client/Harness.hpp"
#include "DeskFixture.hpp"
#include "guichet/desk/Handover.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/desk/Visits.hpp"
#include "guichet/sim/Seed.hpp"

using namespace guichet;

TEST_CASE("desk to DomiFa: arrivals, a proxy's hand-over and a visit arrive as DomiFa's interactions, once") {
    testing::Harness h(4);
    Dossier person = test::makeDossier(5001, Statut::Valide, test::ymd(2099, 12, 31));
    person.procurations = {
        {"MANDATAIRE", "Valide", std::nullopt, test::ymd(2020, 1, 1), test::ymd(2099, 12, 31)}};
    REQUIRE(h.server->seed({sim::usagerFromDossier(person)}));
    REQUIRE(h.engine->pull());

    SystemClock clock;
    desk::Intake intake(*h.db, clock);
    REQUIRE(intake.record({test::reading(match::Decision::Auto, 5001)}, "a.jpg"));
    REQUIRE(intake.record({test::reading(match::Decision::Auto, 5001)}, "b.jpg"));
    REQUIRE(intake.recordManual(5001, MailKind::Colis, "6A00000000001", "staff-1"));
    desk::Visits visits(*h.db, clock);
    auto visit = visits.checkIn(5001, "kiosk");
    REQUIRE(visit);
    CHECK(visit->counts == PendingCounts{2, 0, 1});
    REQUIRE(visits.checkIn(5001, "kiosk")); // the card held twice: one visit
    desk::Handover handover(*h.db, clock);
    REQUIRE(handover.handOver({5001, 0, {MailKind::Courrier, MailKind::Colis}, "staff-1"}));
    REQUIRE_FALSE(handover.handOver({5001, 0, {MailKind::Courrier}, "staff-1"})); // double click

    h.pushUntilDone();
    h.pushUntilDone(2); // nothing more goes
    std::map<std::string, int> byType;
    std::map<std::string, std::optional<int>> proxyOf;
    int letters = 0;
    for (const auto& row : h.server->interactions(5001)) {
        ++byType[row.type];
        proxyOf[row.type] = row.procurationIndex;
        if (row.type == "courrierIn") letters += row.nbCourrier;
    }
    CHECK(letters == 2);
    CHECK(byType["colisIn"] == 1);
    CHECK(byType["courrierOut"] == 1);
    CHECK(byType["colisOut"] == 1);
    CHECK(byType["visite"] == 1);
    CHECK(proxyOf["courrierOut"] == 0);
    CHECK(proxyOf["colisOut"] == 0);
    h.checkExactlyOnce();
}
