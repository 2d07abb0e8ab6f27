#include "guichet/core/Rules.hpp"

#include <catch2/catch.hpp>

using namespace guichet;

namespace {
Date d(const char* text) {
    return *parseDate(text);
}
} // namespace

TEST_CASE("a procuration is valid only inside its dates, and only with both dates known") {
    Procuration p{"LEROY", "Marc", {}, d("2026-01-01"), d("2026-12-31")};
    CHECK(isProcurationValid(p, d("2026-01-01")));
    CHECK(isProcurationValid(p, d("2026-12-31")));
    CHECK_FALSE(isProcurationValid(p, d("2025-12-31")));
    CHECK_FALSE(isProcurationValid(p, d("2027-01-01")));
    p.dateFin.reset();
    CHECK_FALSE(isProcurationValid(p, d("2026-06-01")));
}

TEST_CASE("who may collect: the person, or a mandated person with a valid procuration") {
    Dossier dossier;
    dossier.procurations.push_back({"LEROY", "Marc", {}, d("2026-01-01"), d("2026-06-30")});
    CHECK(checkCollector(dossier, std::nullopt, d("2026-11-23")).empty());
    CHECK(checkCollector(dossier, 0, d("2026-03-01")).empty());
    CHECK(checkCollector(dossier, 0, d("2026-11-23")) == "procuration_expired");
    CHECK(checkCollector(dossier, 0, d("2025-11-23")) == "procuration_not_started");
    CHECK(checkCollector(dossier, 1, d("2026-03-01")) == "no_such_procuration");
    CHECK(checkCollector(dossier, -1, d("2026-03-01")) == "no_such_procuration");
}

TEST_CASE("mail acceptance: npai and struck-off go back, pending decisions wait for staff") {
    struct Row {
        Statut statut;
        bool npai;
        const char* fin;
        MailVerdict verdict;
        const char* reason;
    };
    const Row rows[] = {
        {Statut::Valide, false, "2027-01-01", MailVerdict::Accept, ""},
        {Statut::Valide, true, "2027-01-01", MailVerdict::ReturnToSender, "npai"},
        {Statut::Radie, false, nullptr, MailVerdict::ReturnToSender, "radie"},
        {Statut::Refus, false, nullptr, MailVerdict::ReturnToSender, "refus"},
        {Statut::Instruction, false, nullptr, MailVerdict::Hold, "not_granted"},
        {Statut::AttenteDecision, false, nullptr, MailVerdict::Hold, "not_granted"},
        {Statut::Valide, false, "2026-11-01", MailVerdict::Hold, "expired"},
    };
    for (const auto& row : rows) {
        Dossier dossier;
        dossier.statut = row.statut;
        dossier.npai.actif = row.npai;
        if (row.fin) dossier.dateFin = d(row.fin);
        auto verdict = acceptMail(dossier, d("2026-11-23"));
        CAPTURE(toString(row.statut), row.npai);
        CHECK(verdict.verdict == row.verdict);
        CHECK(verdict.reason == row.reason);
    }
}

TEST_CASE("an active mail forwarding is reported with the verdict") {
    Dossier dossier;
    dossier.statut = Statut::Valide;
    dossier.transfert = {true, "Mme X", "1 rue Y", d("2026-11-01"), d("2026-12-31")};
    CHECK(acceptMail(dossier, d("2026-11-23")).forwarded);
    CHECK_FALSE(acceptMail(dossier, d("2027-01-02")).forwarded);
}

namespace {
Event arrivalOrOut(EventId id, EventType type, DossierRef who, int count = 1) {
    Event e;
    e.id = id;
    e.type = type;
    e.dossier = who;
    e.count = count;
    return e;
}
} // namespace

TEST_CASE("pending counts shown = remote counts + local events not yet pushed, an Out empties its kind",
          "[rules]") {
    PendingCounts remote{2, 1, 0};
    std::vector<Event> local{
        arrivalOrOut(1, EventType::CourrierIn, 5, 3), arrivalOrOut(2, EventType::ColisIn, 5, 1),
        arrivalOrOut(3, EventType::RecommandeOut, 5), arrivalOrOut(4, EventType::CourrierIn, 6, 9)};
    local[0].state = EventState::Pending;
    const auto counts = localPending(remote, 5, local);
    CHECK(counts == PendingCounts{5, 0, 1});
    local[0].state = EventState::Delivered; // already in the remote counts
    CHECK(localPending(remote, 5, local) == PendingCounts{2, 0, 1});
    local[1].state = EventState::Parked; // refused by the backend: staff must look, not counted
    CHECK(localPending(remote, 5, local) == PendingCounts{2, 0, 0});
    CHECK(familyOf(EventType::Visite) == std::nullopt);
    CHECK(familyOf(EventType::ColisOut) == MailKind::Colis);
}
