#include "guichet/desk/Handover.hpp"

#include "DeskFixture.hpp"
#include "guichet/desk/Intake.hpp"

using namespace guichet;
using namespace guichet::test;
using guichet::desk::Handover;
using guichet::desk::HandoverRequest;

namespace {

void arrive(DeskFixture& f, DossierRef ref, MailKind kind = MailKind::Courrier, std::string tracking = {}) {
    desk::Intake intake(f.store, f.clock);
    REQUIRE(intake.record({reading(match::Decision::Auto, ref, {}, kind, std::move(tracking))}, "scan.jpg"));
}

} // namespace

TEST_CASE("hand-over: who may collect, table-driven") {
    struct Case {
        const char* what;
        DossierRef dossier;
        std::optional<int> proxy;
        bool ok;
        const char* refusal;
    };
    const Case cases[] = {
        {"the person", kValid, std::nullopt, true, ""},
        {"a proxy valid today", kValid, 0, true, ""},
        {"a proxy whose procuration expired", kValid, 1, false, "expired on 2026-11-30"},
        {"a proxy whose procuration has not started", kValid, 2, false, "starts on 2027-01-01"},
        {"a procuration without dates", kValid, 3, false, "no start or end date"},
        {"a procuration that does not exist", kValid, 7, false, "no such procuration"},
        {"a struck-off person", kRadie, std::nullopt, false, "struck off"},
        {"an npai dossier", kNpai, std::nullopt, false, "NPAI"},
        {"an unknown dossier", 424242, std::nullopt, false, "not in the directory"},
    };
    for (const Case& c : cases) {
        SECTION(c.what) {
            DeskFixture f;
            arrive(f, kValid);
            arrive(f, kValid);
            const size_t before = f.events().size();
            Handover handover(f.store, f.clock);
            auto receipt = handover.handOver({c.dossier, c.proxy, {MailKind::Courrier}, "staff-2"});
            REQUIRE(receipt.has_value() == c.ok);
            if (c.ok) {
                CHECK(receipt->items.size() == 2);
                CHECK(receipt->handed.courrier == 2);
                auto events = f.events();
                REQUIRE(events.size() == before + 1);
                CHECK(events.back().type == EventType::CourrierOut);
                CHECK(events.back().procurationIndex == c.proxy);
                for (MailItemId id : receipt->items) {
                    CHECK(f.item(id).state == MailState::HandedOver);
                    CHECK(f.item(id).handedToProxy == c.proxy);
                    CHECK(f.item(id).closedBy == "staff-2");
                }
            } else {
                CHECK(receipt.error().message.find(c.refusal) != std::string::npos);
                CHECK(f.events().size() == before);
                auto still = f.store.mailItems(MailState::Pending, kValid);
                REQUIRE(still);
                CHECK(still->size() == 2);
            }
        }
    }
}

TEST_CASE("hand-over: a kind goes whole, named explicitly, and a double click hands nothing twice") {
    DeskFixture f;
    arrive(f, kValid);
    arrive(f, kValid, MailKind::Recommande, "1A12345678901");
    Handover handover(f.store, f.clock);
    auto view = handover.pending(kValid);
    REQUIRE(view);
    CHECK(view->counts.courrier == 1);
    CHECK(view->counts.recommande == 1);
    CHECK(view->items.size() == 2);
    REQUIRE(view->proxies.size() == 4);
    CHECK(view->proxies[0].valid);
    CHECK_FALSE(view->proxies[1].valid);
    CHECK(view->proxies[1].refusal == "the procuration expired on 2026-11-30");

    REQUIRE_FALSE(handover.handOver({kValid, std::nullopt, {}, "staff-2"})); // no kind named
    auto letters = handover.handOver({kValid, std::nullopt, {MailKind::Courrier}, "staff-2"});
    REQUIRE(letters);
    CHECK(letters->handed.recommande == 0); // the registered letter was not ticked: it stays
    auto again = handover.handOver({kValid, std::nullopt, {MailKind::Courrier}, "staff-2"});
    REQUIRE_FALSE(again);
    CHECK(again.error().message.find("no courrier pending") != std::string::npos);
    view = handover.pending(kValid);
    REQUIRE(view);
    CHECK(view->counts.courrier == 0);
    CHECK(view->counts.recommande == 1);
    REQUIRE(view->items.size() == 1);
    CHECK(view->items[0].tracking == "1A12345678901");
}

TEST_CASE("hand-over: mail DomiFa holds from another desk is closed too") {
    DeskFixture f;
    Dossier d = deskDossiers()[0];
    d.pending.colis = 2; // recorded at another desk, pulled from DomiFa
    REQUIRE(f.store.upsertDossiers({d}));
    Handover handover(f.store, f.clock);
    auto receipt = handover.handOver({kValid, 0, {MailKind::Colis}, "staff-2"});
    REQUIRE(receipt);
    CHECK(receipt->items.empty());
    CHECK(receipt->handed.colis == 2);
    REQUIRE(f.events().size() == 1);
    CHECK(f.events()[0].type == EventType::ColisOut);
    CHECK(f.events()[0].procurationIndex == 0);
}

TEST_CASE("hand-over: the banner's warnings") {
    const Date today = ymd(2026, 12, 6);
    auto codes = [&](const Dossier& d) {
        std::vector<std::string> out;
        for (const auto& w : desk::warningsFor(d, today))
            out.push_back(w.code);
        return out;
    };
    auto all = deskDossiers();
    CHECK(codes(all[0]).empty());
    CHECK(codes(all[1]) == std::vector<std::string>{"ends_soon"});
    CHECK(codes(all[2]) == std::vector<std::string>{"radie"});
    CHECK(codes(all[3]) == std::vector<std::string>{"npai"});
    CHECK(codes(all[4]) == std::vector<std::string>{"ended"});
    Dossier forwarded = all[0];
    forwarded.transfert.actif = true;
    CHECK(codes(forwarded) == std::vector<std::string>{"transfert"});
}
