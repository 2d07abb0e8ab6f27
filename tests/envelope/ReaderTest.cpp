// The whole pipeline on generated envelopes: no wrong dossier is ever attributed automatically.
#include "guichet/reader/Reader.hpp"

#include "Support.hpp"
#include "guichet/directory/DirectoryFile.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace guichet;

namespace {

/// A generated directory as the matcher sees it, through the CSV import (outlives its Readers).
match::Directory directoryOf(const corpus::DirectorySpec& spec) {
    auto parsed = directory::parseCsv(spec.csv());
    REQUIRE(parsed);
    return match::Directory(parsed->dossiers);
}

/// Envelope `index` of `seed` with its recipient block in the fonts never tuned on.
corpus::Sample heldOutEnvelope(const corpus::DirectorySpec& spec, std::uint64_t seed, int index) {
    corpus::Options options;
    options.heldOutFonts = true;
    return corpus::makeEnvelope(spec, seed, index, options);
}

/// Envelopes `indices` of `seed` in Breip, upright, read the right way up with their dossier in
/// the first `within` candidates, and never given to another dossier.
void readUprightBreip(std::uint64_t seed, std::initializer_list<int> indices, std::ptrdiff_t within) {
    const corpus::DirectorySpec spec = corpus::makeDirectory(seed, 400);
    const match::Directory directory = directoryOf(spec);
    auto reader = reader::Reader::create(directory);
    REQUIRE(reader);
    for (int index : indices) {
        const corpus::Sample s = heldOutEnvelope(spec, seed, index);
        REQUIRE(s.truth.font == "Breip");
        REQUIRE(s.truth.dossier);
        auto r = reader->readBytes(s.encoded, s.truth.name + s.truth.fileExtension);
        REQUIRE(r);
        INFO("envelope " << index << " read " << (r->lines.empty() ? std::string() : r->lines.front()));
        CHECK_FALSE(r->upsideDown);
        REQUIRE_FALSE(r->candidates.empty());
        const auto end = r->candidates.begin() + std::min(within, std::ssize(r->candidates));
        CHECK(std::any_of(r->candidates.begin(), end,
                          [&](const match::Candidate& c) { return c.dossier == *s.truth.dossier; }));
        if (r->decision == match::Decision::Auto) CHECK(*r->dossier == *s.truth.dossier);
    }
}

} // namespace

TEST_CASE("barcode texts classify mail kinds", "[reader]") {
    using reader::classifyMailCode;
    auto r = classifyMailCode("1A 123 456 7890 1");
    REQUIRE(r);
    CHECK(r->kind == MailKind::Recommande);
    CHECK(r->tracking == "1A12345678901");
    CHECK(classifyMailCode("2C12345678901")->kind == MailKind::Recommande);
    CHECK(classifyMailCode("6A12345678901")->kind == MailKind::Colis);
    CHECK(classifyMailCode("8L12345678901")->kind == MailKind::Colis);
    CHECK(classifyMailCode("RR123456785FR")->kind == MailKind::Recommande);
    CHECK(classifyMailCode("CP123456785FR")->kind == MailKind::Colis);
    CHECK_FALSE(classifyMailCode("DMLP12345678901234567890FR1234567890")); // postage DataMatrix
    CHECK_FALSE(classifyMailCode("4A12345678901"));
    CHECK_FALSE(classifyMailCode("1A1234567890"));
    CHECK_FALSE(classifyMailCode(""));
}

TEST_CASE("40 generated envelopes end to end: no false attribution", "[reader]") {
    const auto& spec = test::testDirectory();
    const match::Directory directory = directoryOf(spec);
    auto reader = reader::Reader::create(directory);
    REQUIRE(reader);

    int present = 0, autoRight = 0, autoWrong = 0, nonAuto = 0, top3 = 0, kinds = 0, strangers = 0,
        onePass = 0;
    const int n = 40;
    for (int i = 0; i < n; ++i) {
        const corpus::Sample s = corpus::makeEnvelope(spec, test::kSeed, 500 + i);
        auto r = reader->readBytes(s.encoded, s.truth.name + s.truth.fileExtension);
        REQUIRE(r);
        CHECK(r->timings.layouts >= 1);
        CHECK(r->timings.ocrPasses >= 1);
        kinds += toString(r->kind) == s.truth.kind && r->tracking == s.truth.tracking;
        if (s.truth.absentKind == "stranger" && s.truth.writing == "printed") {
            ++strangers; // someone not in the directory, printed: read once, surely, and not retried
            onePass += r->timings.ocrPasses == 1 && r->decision != match::Decision::Auto;
        }
        if (r->decision == match::Decision::Auto) {
            REQUIRE(r->dossier);
            if (s.truth.dossier && *r->dossier == *s.truth.dossier)
                ++autoRight;
            else {
                ++autoWrong;
                WARN("false attribution on " << s.truth.name << ": " << *r->dossier);
            }
        } else {
            CHECK_FALSE(r->dossier);
        }
        if (!s.truth.dossier) continue;
        ++present;
        if (r->decision != match::Decision::Auto) {
            ++nonAuto;
            for (size_t k = 0; k < r->candidates.size() && k < 3; ++k)
                top3 += r->candidates[k].dossier == *s.truth.dossier;
        }
    }
    INFO("auto right " << autoRight << "/" << present << ", wrong " << autoWrong << ", top-3 " << top3 << "/"
                       << nonAuto << ", kinds " << kinds << "/" << n << ", printed strangers read once "
                       << onePass << "/" << strangers);
    CHECK(autoWrong == 0);
    CHECK(autoRight >= present * 80 / 100);        // measured: 29 of 35
    CHECK(autoRight + top3 >= present * 90 / 100); // right dossier automatic or in the top 3: 33 of 35
    CHECK(kinds >= n * 9 / 10);
    CHECK(onePass * 2 >= strangers);
}

TEST_CASE("an exact name read with a doubtful word is read again before it is recorded", "[reader]") {
    // Envelope 343 of the seed-1 corpus: "Mme DIARRA Ioana épouse SAADI" in double-stroke
    // handwriting. Tesseract reads "Nine DIARRA lon" (word confidence 53), the exact name of
    // another dossier's dependant "Ion DIARRA"; a second reading points to Ioana's dossier.
    const corpus::DirectorySpec spec = corpus::makeDirectory(1, 400);
    const match::Directory directory = directoryOf(spec);
    auto reader = reader::Reader::create(directory);
    REQUIRE(reader);
    const corpus::Sample s = corpus::makeEnvelope(spec, 1, 343);
    REQUIRE(s.truth.dossier);
    auto r = reader->readBytes(s.encoded, s.truth.name + s.truth.fileExtension);
    REQUIRE(r);
    INFO("read " << (r->lines.empty() ? std::string() : r->lines.front()) << ": " << r->reason);
    if (r->decision == match::Decision::Auto) CHECK(*r->dossier == *s.truth.dossier);
    bool listed = false;
    for (size_t k = 0; k < r->candidates.size() && k < 3; ++k)
        listed |= r->candidates[k].dossier == *s.truth.dossier;
    CHECK(listed);
}

TEST_CASE("bytes that are not an image are an error", "[reader]") {
    const match::Directory directory({});
    auto reader = reader::Reader::create(directory);
    REQUIRE(reader);
    auto r = reader->readBytes({'n', 'o', 'p', 'e'}, "nope.jpg");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("nope.jpg") != std::string::npos);
}

TEST_CASE("the rarer ways of writing the addressee are read and recorded end to end", "[reader]") {
    // Seed-5 envelopes in the forms the generator draws for about 1 envelope in 26: "Pour M. …",
    // "À l'attention de …" (one in a monospaced font behind a window, "M. AIT MOHAND Omar" far apart),
    // and a c/o on the name's own line.
    const corpus::DirectorySpec spec = corpus::makeDirectory(5, 400);
    const match::Directory directory = directoryOf(spec);
    auto reader = reader::Reader::create(directory);
    REQUIRE(reader);
    int recorded = 0, n = 0;
    for (int index : {67, 119, 138, 148, 149, 152, 173, 276, 298}) {
        const corpus::Sample s = corpus::makeEnvelope(spec, 5, index);
        const std::string& name = s.truth.recipientLines.front();
        CAPTURE(index, name);
        REQUIRE(s.truth.dossier); // the generator still draws these forms here
        REQUIRE((name.rfind("Pour ", 0) == 0 || name.rfind("À l'attention de ", 0) == 0 ||
                 name.find(" chez ") != std::string::npos || name.find(" C/O ") != std::string::npos));
        ++n;
        auto r = reader->readBytes(s.encoded, s.truth.name + s.truth.fileExtension);
        REQUIRE(r);
        const bool right = r->decision == match::Decision::Auto && r->dossier == s.truth.dossier;
        if (!right) WARN("envelope " << index << ": " << toString(r->decision) << ", " << r->reason);
        recorded += right;
    }
    CHECK(recorded == n); // 9 of 9 (138 was Unknown while words 3.3 text heights apart were split)
}

TEST_CASE("handwriting in a font never tuned on is read the right way up and its dossier listed first",
          "[reader]") {
    // Seed-1 envelopes in Breip (corpus::Options::heldOutFonts), upright with a stamp in its corner.
    // Read upside down, this handwriting gives garbage in which the address rules found more cues
    // ("QA d 299% VEN") than in the right way up ("170 cwenin de Rende"): the surer reading must
    // win. Its names come out a few letters off ("Madane Missatreu Conmté" for Aïssatou Konaté):
    // the whole-name comparison must still list the right dossier first.
    readUprightBreip(1, {45, 126, 197, 376, 387}, 1);
}

TEST_CASE("handwriting the locator turned the right way up is not replaced by its garbage upside down",
          "[reader]") {
    // Seed-7 flatbed scans in Breip, upright, stamp and letter shapes agreeing. The upright reading
    // finds the address but no name close enough ("Babacar Ee ana" for Boubacar Fofana); read upside
    // down, the garbage ("SRIV4 LIDGL") had a look-alike in the whole-name search and replaced it.
    readUprightBreip(7, {49, 325, 357}, 3);
}

TEST_CASE("a coarse photo's block read as an exact name is read again, enlarged, before it is recorded",
          "[reader]") {
    // Envelope 14 of seed 7 in held-out fonts: a webcam photo (102 dpi) of "M. MLNSAH Paul", someone
    // not in the directory, one letter away from the dossier of Paul MENSAH. At the block's size
    // Tesseract reads "MENSAH" with a word confidence of 92; enlarged 1.5 times, "MUNSAH".
    const corpus::DirectorySpec spec = corpus::makeDirectory(7, 400);
    const match::Directory directory = directoryOf(spec);
    auto reader = reader::Reader::create(directory);
    REQUIRE(reader);
    const corpus::Sample s = heldOutEnvelope(spec, 7, 14);
    REQUIRE(s.truth.condition == corpus::Condition::Photo);
    REQUIRE_FALSE(s.truth.dossier);
    auto r = reader->readBytes(s.encoded, s.truth.name + s.truth.fileExtension);
    REQUIRE(r);
    INFO("read " << (r->lines.empty() ? std::string() : r->lines.front()) << ": " << r->reason);
    CHECK(r->decision != match::Decision::Auto);
    CHECK_FALSE(r->dossier);
}

TEST_CASE("a handwritten name the first model misreads at every size is read by the second model",
          "[reader]") {
    // Seed-1 handwritten envelopes (DkgHandwriting, femkeklaver): "fra+eng" reads "RONNET Linh" for BONNET
    // Linh, "GUERIN Nik" for GUÉRIN Minh, "Ninh Hamidi" for Minh Hamidi at every size it tries; the
    // Latin-script model reads the names exactly. Without it (or with a model that is not installed) they
    // wait for staff, their dossier listed first.
    const corpus::DirectorySpec spec = corpus::makeDirectory(1, 400);
    const match::Directory directory = directoryOf(spec);
    auto withSecond = reader::Reader::create(directory);
    reader::Options missing;
    missing.secondOcrLanguages = "notinstalled";
    auto without = reader::Reader::create(directory, missing);
    REQUIRE(withSecond);
    REQUIRE(without);
    for (int index : {169, 253, 350}) {
        const corpus::Sample s = corpus::makeEnvelope(spec, 1, index);
        REQUIRE(s.truth.writing == "handwritten");
        REQUIRE(s.truth.dossier);
        const std::string name = s.truth.name + s.truth.fileExtension;
        auto r = withSecond->readBytes(s.encoded, name);
        REQUIRE(r);
        INFO("envelope " << index << " read " << (r->lines.empty() ? std::string() : r->lines.front()));
        CHECK(r->decision == match::Decision::Auto);
        CHECK(r->dossier == s.truth.dossier);
        auto w = without->readBytes(s.encoded, name);
        REQUIRE(w);
        CHECK(w->decision == match::Decision::Confirm);
        REQUIRE_FALSE(w->candidates.empty());
        CHECK(w->candidates.front().dossier == *s.truth.dossier);
    }
    // The desk is told once that it reads without the model (guichet match / intake warn).
    CHECK(withSecond->secondModelProblem().empty());
    CHECK_THAT(without->secondModelProblem(), Catch::Contains("notinstalled"));
}

TEST_CASE("a handwritten name read badly is spelled by the letters the recogniser saw, never Auto",
          "[reader]") {
    // The readings give no name at 0.6 ("Monsieur HEBERT Nine" for Nordine HÉBERT, "Woonsian Anh
    // LAHIN" for Anh SAHIN, "byln HEZHAE" for Bogdan MEZIANE), but the letters the LSTM nearly chose
    // spell the right person's name better than any other (match::Spellings).
    struct Case {
        std::uint64_t seed;
        bool heldOut;
        int index;
        bool confirmFirst; ///< spelled at −3 or better: first and to be confirmed; else in the first 3
    };
    const Case cases[] = {{1, false, 42, true},   {1, false, 343, true}, {1, false, 363, true},
                          {1, false, 168, false}, {7, true, 50, false},  {7, true, 88, false},
                          {7, true, 303, false},  {7, true, 320, true}};
    for (std::uint64_t seed : {1u, 7u}) {
        const corpus::DirectorySpec spec = corpus::makeDirectory(seed, 400);
        const match::Directory directory = directoryOf(spec);
        auto reader = reader::Reader::create(directory);
        REQUIRE(reader);
        for (const Case& c : cases) {
            if (c.seed != seed) continue;
            const corpus::Sample s =
                c.heldOut ? heldOutEnvelope(spec, seed, c.index) : corpus::makeEnvelope(spec, seed, c.index);
            REQUIRE(s.truth.writing == "handwritten");
            REQUIRE(s.truth.dossier);
            auto r = reader->readBytes(s.encoded, s.truth.name + s.truth.fileExtension);
            REQUIRE(r);
            INFO("seed " << seed << " envelope " << c.index << " read "
                         << (r->lines.empty() ? std::string() : r->lines.front()));
            CHECK(r->decision != match::Decision::Auto);
            REQUIRE_FALSE(r->candidates.empty());
            const auto end = r->candidates.begin() +
                             std::min<std::ptrdiff_t>(c.confirmFirst ? 1 : 3, std::ssize(r->candidates));
            CHECK(std::any_of(r->candidates.begin(), end,
                              [&](const match::Candidate& x) { return x.dossier == *s.truth.dossier; }));
            if (c.confirmFirst) CHECK(r->decision == match::Decision::Confirm);
        }
    }
}
