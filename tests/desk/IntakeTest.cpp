#include "guichet/desk/Intake.hpp"

#include "DeskFixture.hpp"

using namespace guichet;
using namespace guichet::test;
using guichet::desk::Intake;

TEST_CASE("intake: what each reading becomes, table-driven") {
    struct Case {
        const char* what;
        match::Decision decision;
        DossierRef dossier;
        MailState state;
        int events;
        const char* note;
    };
    const Case cases[] = {
        {"auto, valid dossier: pending with its arrival", match::Decision::Auto, kValid, MailState::Pending,
         1, ""},
        {"auto, struck off: back to the sender", match::Decision::Auto, kRadie, MailState::ReturnToSender, 0,
         "radie"},
        {"auto, npai: back to the sender", match::Decision::Auto, kNpai, MailState::ReturnToSender, 0,
         "npai"},
        {"auto, domiciliation ended: staff decide", match::Decision::Auto, kExpired,
         MailState::AwaitingReview, 0, "expired"},
        {"auto, not granted yet: staff decide", match::Decision::Auto, kNotGranted, MailState::AwaitingReview,
         0, "not_granted"},
        {"confirm: waits for staff with its crop", match::Decision::Confirm, kValid,
         MailState::AwaitingReview, 0, "2 candidates"},
        {"unknown: waits for staff", match::Decision::Unknown, kValid, MailState::AwaitingReview, 0,
         "2 candidates"},
    };
    for (const Case& c : cases) {
        SECTION(c.what) {
            DeskFixture f;
            Intake intake(f.store, f.clock);
            auto r =
                reading(c.decision, c.dossier,
                        c.decision == match::Decision::Auto ? std::vector<DossierRef>{}
                                                            : std::vector<DossierRef>{c.dossier, kOther});
            auto recorded = intake.record({r}, "scan-1.jpg");
            REQUIRE(recorded);
            REQUIRE(recorded->size() == 1);
            const auto& rec = recorded->front();
            CHECK(rec.state == c.state);
            CHECK(rec.note == c.note);
            const MailItem m = f.item(rec.item);
            CHECK(m.state == c.state);
            CHECK(m.source == "scan-1.jpg");
            CHECK(f.events().size() == static_cast<size_t>(c.events));
            if (c.events == 1) {
                CHECK(f.events()[0].type == EventType::CourrierIn);
                CHECK(f.events()[0].mailItem == rec.item);
            }
            auto crop = f.store.mailCrop(rec.item);
            REQUIRE(crop);
            CHECK(crop->empty() ==
                  (c.state != MailState::AwaitingReview || c.decision == match::Decision::Auto));
            if (c.state == MailState::ReturnToSender) CHECK(m.returnReason == c.note);
            REQUIRE(!f.audit().empty());
            CHECK(f.audit().front().subject.find("NOM") == std::string::npos);
        }
    }
}

TEST_CASE("intake: the pages of one file are recorded all together or not at all") {
    DeskFixture f;
    Intake intake(f.store, f.clock);
    auto a = reading(match::Decision::Auto, kValid);
    auto b = reading(match::Decision::Auto, kOther);
    a.pages = b.pages = 2;
    b.page = 1;
    auto failing = intake.record({a, b}, "batch.pdf", {}, [](const auto&) -> Result<void> {
        return Error{"the claim could not be saved"};
    });
    REQUIRE_FALSE(failing);
    auto all = f.store.mailItems(std::nullopt);
    REQUIRE(all);
    CHECK(all->empty());
    CHECK(f.events().empty());
    auto ok = intake.record({a, b}, "batch.pdf");
    REQUIRE(ok);
    CHECK(f.item(ok->at(1).item).source == "batch.pdf#2");
}

TEST_CASE("intake: undo of an automatic record withdraws its arrival until the sync took it") {
    DeskFixture f;
    Intake intake(f.store, f.clock);
    auto first = intake.record({reading(match::Decision::Auto, kValid)}, "a.jpg");
    REQUIRE(first);
    const MailItemId id = first->front().item;
    REQUIRE(intake.undoAuto(id, "staff-7"));
    CHECK(f.item(id).state == MailState::AwaitingReview);
    CHECK_FALSE(f.item(id).dossier);
    CHECK(f.events().empty());
    CHECK_FALSE(intake.undoAuto(id, "staff-7")); // nothing left to undo

    auto second = intake.record({reading(match::Decision::Auto, kValid)}, "b.jpg");
    REQUIRE(second);
    Event sent = f.events().front();
    sent.state = EventState::Uncertain; // the sync marked it before sending
    sent.attempts = 1;
    REQUIRE(f.store.updateEvent(sent));
    auto refused = intake.undoAuto(second->front().item, "staff-7");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("already sent") != std::string::npos);
    CHECK(f.item(second->front().item).state == MailState::Pending);
}
