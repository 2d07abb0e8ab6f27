#pragma once
// A store with a handful of dossiers in every situation the desk meets, a clock the test moves,
// and readings as the recogniser would return them.

#include "guichet/core/ports/Clock.hpp"
#include "guichet/reader/Reader.hpp"
#include "guichet/store/Store.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace guichet::test {

inline Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
inline Instant at(int y, unsigned m, unsigned d, int hour = 10) {
    return Instant{std::chrono::sys_days{ymd(y, m, d)}} + std::chrono::hours{hour};
}

enum : DossierRef {
    kValid = 1001,      ///< VALIDE until 2027-06-30, three procurations (valid, expired, not started)
    kEndsSoon = 1002,   ///< VALIDE, ends 2027-01-15
    kRadie = 1003,      ///< struck off
    kNpai = 1004,       ///< npai
    kExpired = 1005,    ///< VALIDE, ended 2026-10-31
    kNotGranted = 1006, ///< INSTRUCTION
    kOther = 1007,      ///< VALIDE, nothing special
};

inline Dossier makeDossier(DossierRef ref, Statut statut, std::optional<Date> end = ymd(2027, 6, 30)) {
    Dossier d;
    d.ref = ref;
    d.customRef = std::to_string(ref);
    d.nom = "NOM" + std::to_string(ref);
    d.prenom = "Prenom";
    d.statut = statut;
    d.dateDebut = ymd(2026, 1, 1);
    d.dateFin = end;
    return d;
}

inline std::vector<Dossier> deskDossiers() {
    Dossier valid = makeDossier(kValid, Statut::Valide);
    valid.procurations = {
        {"MANDATAIRE", "Valide", std::nullopt, ymd(2026, 6, 1), ymd(2027, 5, 31)},
        {"MANDATAIRE", "Expiree", std::nullopt, ymd(2025, 1, 1), ymd(2026, 11, 30)},
        {"MANDATAIRE", "Future", std::nullopt, ymd(2027, 1, 1), ymd(2027, 12, 31)},
        {"MANDATAIRE", "SansDates", std::nullopt, std::nullopt, std::nullopt},
    };
    Dossier npai = makeDossier(kNpai, Statut::Valide);
    npai.npai.actif = true;
    return {valid,
            makeDossier(kEndsSoon, Statut::Valide, ymd(2027, 1, 15)),
            makeDossier(kRadie, Statut::Radie),
            npai,
            makeDossier(kExpired, Statut::Valide, ymd(2026, 10, 31)),
            makeDossier(kNotGranted, Statut::Instruction),
            makeDossier(kOther, Statut::Valide)};
}

inline store::Store openDeskStore() {
    auto s = store::Store::open(":memory:");
    REQUIRE(s);
    REQUIRE(s->upsertDossiers(deskDossiers()));
    return std::move(s).value();
}

struct DeskFixture {
    store::Store store = openDeskStore();
    ManualClock clock{at(2026, 12, 6)};

    std::vector<Event> events(std::optional<EventState> state = EventState::Pending) {
        auto e = store.events(state);
        REQUIRE(e);
        return *e;
    }
    MailItem item(MailItemId id) {
        auto m = store.findMailItem(id);
        REQUIRE(m);
        REQUIRE(m->has_value());
        return **m;
    }
    std::vector<store::AuditEntry> audit() {
        auto a = store.auditLog(1000);
        REQUIRE(a);
        return *a;
    }
};

/// What the recogniser returns for one page.
inline reader::Reading reading(match::Decision decision, std::optional<DossierRef> dossier,
                               std::vector<DossierRef> candidates = {}, MailKind kind = MailKind::Courrier,
                               std::string tracking = {}) {
    reader::Reading r;
    r.image = "scan.jpg";
    r.decision = decision;
    r.dossier = decision == match::Decision::Auto ? dossier : std::nullopt;
    r.kind = kind;
    r.tracking = std::move(tracking);
    double score = 0.95;
    for (DossierRef c : candidates) {
        match::Candidate k;
        k.dossier = c;
        k.score = score;
        score -= 0.1;
        r.candidates.push_back(k);
    }
    if (decision == match::Decision::Auto && dossier && candidates.empty()) {
        match::Candidate k;
        k.dossier = *dossier;
        k.score = 0.99;
        r.candidates.push_back(k);
    }
    r.confidence = r.candidates.empty() ? 0 : r.candidates.front().score;
    if (decision != match::Decision::Auto) r.cropPng = {0x89, 'P', 'N', 'G', 1, 2, 3};
    return r;
}

} // namespace guichet::test
