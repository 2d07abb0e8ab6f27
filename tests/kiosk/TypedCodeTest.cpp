// The typed fallback code: made from the card with the structure's secret, checked digit, found in
// the store, and tries limited per kiosk in the store (a restart does not reset them).
#include "guichet/cards/CardCode.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/desk/TypedCodes.hpp"

#include <catch2/catch.hpp>

using namespace guichet;
using namespace std::chrono_literals;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

store::Store openStore() {
    auto s = store::Store::open(":memory:");
    REQUIRE(s);
    std::vector<Dossier> dossiers;
    for (DossierRef ref : {2001, 2002, 2003}) {
        Dossier d;
        d.ref = ref;
        d.nom = "NOM";
        d.prenom = "Prenom";
        d.statut = ref == 2003 ? Statut::Radie : Statut::Valide;
        d.dateDebut = ymd(2026, 1, 1);
        d.dateFin = ymd(2027, 6, 30);
        dossiers.push_back(d);
    }
    REQUIRE(s->upsertDossiers(dossiers));
    return std::move(s).value();
}

struct Fixture {
    store::Store store = openStore();
    ManualClock clock{Instant{std::chrono::sys_days{ymd(2026, 12, 6)}} + 10h};
    cards::SecretKey key = cards::SecretKey::generate();

    cards::VerifyPolicy policy() const {
        cards::VerifyPolicy p;
        p.structureId = "S1";
        p.publicKey = key.publicKey();
        p.today = clock.today();
        return p;
    }
    std::string cardFor(DossierRef ref, int serial = 1) {
        const Card card{"S1", ref, serial, clock.today(), false};
        REQUIRE(store.saveCard(card));
        auto code = desk::codeForCard(store, card);
        REQUIRE(code);
        return *code;
    }
    std::size_t visits() {
        auto e = store.eventsCreated(EventType::Visite, clock.now() - 24h, clock.now() + 1h);
        REQUIRE(e);
        return e->size();
    }
};

std::string wrongButWellFormed(const std::string& code) {
    std::string other = code.substr(0, 11);
    other[3] = other[3] == '9' ? '0' : static_cast<char>(other[3] + 1);
    other.push_back(static_cast<char>('0' + cards::dammDigit(other)));
    return other;
}

} // namespace

TEST_CASE("a card code is 12 digits with a Damm check digit that catches slips") {
    const cards::CodeKey key = cards::newCodeKey();
    const std::string code = cards::cardCode(key, Card{"S1", 42, 1, ymd(2026, 12, 6), false});
    REQUIRE(code.size() == 12);
    CHECK(cards::codeLooksRight(code));
    CHECK(cards::groupedCode(code).size() == 14);
    // Every single wrong digit and every swap of neighbours is caught.
    for (std::size_t i = 0; i < code.size(); ++i)
        for (char d = '0'; d <= '9'; ++d) {
            if (d == code[i]) continue;
            std::string slip = code;
            slip[i] = d;
            CHECK_FALSE(cards::codeLooksRight(slip));
        }
    for (std::size_t i = 0; i + 1 < code.size(); ++i) {
        if (code[i] == code[i + 1]) continue;
        std::string swapped = code;
        std::swap(swapped[i], swapped[i + 1]);
        CHECK_FALSE(cards::codeLooksRight(swapped));
    }
    // Another serial, another key: another code.
    CHECK(cards::cardCode(key, Card{"S1", 42, 2, ymd(2026, 12, 6), false}) != code);
    CHECK(cards::cardCode(cards::newCodeKey(), Card{"S1", 42, 1, ymd(2026, 12, 6), false}) != code);
}

TEST_CASE("a typed code checks the person in once, as the card would") {
    Fixture f;
    const std::string code = f.cardFor(2001);
    desk::TypedCodes codes(f.store, f.clock);
    auto first = codes.checkIn(cards::groupedCode(code), "k1", f.policy());
    REQUIRE(first);
    CHECK(first->visit.accepted);
    CHECK(first->visit.dossier == 2001);
    auto again = codes.checkIn(code, "k1", f.policy());
    REQUIRE(again);
    CHECK(again->visit.repeated);
    CHECK(f.visits() == 1);
}

TEST_CASE("a replaced card's code and a struck-off person's code are refused") {
    Fixture f;
    const std::string old = f.cardFor(2002, 1);
    f.cardFor(2002, 2);
    const std::string radie = f.cardFor(2003);
    desk::TypedCodes codes(f.store, f.clock);
    auto superseded = codes.checkIn(old, "k1", f.policy());
    REQUIRE(superseded);
    CHECK_FALSE(superseded->visit.accepted);
    auto closed = codes.checkIn(radie, "k1", f.policy());
    REQUIRE(closed);
    CHECK_FALSE(closed->visit.accepted);
    CHECK(closed->visit.staffReason == "dossier-closed");
    CHECK(f.visits() == 0);
}

TEST_CASE("wrong codes lock the kiosk's code entry with a growing delay, across a restart") {
    Fixture f;
    const std::string good = f.cardFor(2001);
    const std::string wrong = wrongButWellFormed(good);
    {
        desk::TypedCodes codes(f.store, f.clock);
        for (int i = 0; i < desk::TypedCodes::kFreeTries; ++i) {
            auto r = codes.checkIn(wrong, "k1", f.policy());
            REQUIRE(r);
            CHECK_FALSE(r->visit.accepted);
            CHECK(r->retryIn == 0s);
        }
        auto fourth = codes.checkIn(wrong, "k1", f.policy());
        REQUIRE(fourth);
        CHECK(fourth->retryIn == 30s);
    }
    // A restart: a new TypedCodes on the same store is still locked, even for the right code.
    desk::TypedCodes restarted(f.store, f.clock);
    auto locked = restarted.checkIn(good, "k1", f.policy());
    REQUIRE(locked);
    CHECK(locked->locked);
    CHECK_FALSE(locked->visit.accepted);
    CHECK(f.visits() == 0);
    // Another kiosk has its own count.
    auto elsewhere = restarted.checkIn(good, "k2", f.policy());
    REQUIRE(elsewhere);
    CHECK(elsewhere->visit.accepted);
    // After the lock, the next wrong code locks twice as long.
    f.clock.advance(31s);
    auto fifth = restarted.checkIn(wrong, "k1", f.policy());
    REQUIRE(fifth);
    CHECK(fifth->retryIn == 60s);
    CHECK(desk::TypedCodes::lockAfter(30) == desk::TypedCodes::kLongestLock);
    // A day later the count is forgotten.
    f.clock.advance(25h);
    auto later = restarted.lockedFor("k1");
    REQUIRE(later);
    CHECK(*later == 0s);
}
