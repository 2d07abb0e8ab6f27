// OCR of located blocks: character error rate against the printed lines.
#include "guichet/ocr/Ocr.hpp"

#include "Support.hpp"
#include "guichet/core/Text.hpp"
#include "guichet/envelope/Envelope.hpp"

#include <catch2/catch.hpp>

using namespace guichet;

TEST_CASE("an engine for a missing language is an error naming it", "[ocr]") {
    ocr::EngineOptions options;
    options.language = "xx-nonexistent";
    auto engine = ocr::Engine::create(options);
    REQUIRE_FALSE(engine);
    CHECK(engine.error().message.find("xx-nonexistent") != std::string::npos);
}

TEST_CASE("recipient lines of clean printed scans read with a low character error rate", "[ocr]") {
    auto engine = ocr::Engine::create();
    REQUIRE(engine);
    CHECK_FALSE(engine->read({}, 300)); // invalid view
    const auto& directory = test::testDirectory();
    corpus::Options options;
    options.condition = corpus::Condition::Scan300;
    std::vector<double> rates;
    int wordsWithConfidence = 0, words = 0;
    for (int i = 2000; rates.size() < 8; ++i) {
        const corpus::Sample s = corpus::makeEnvelope(directory, test::kSeed, i, options);
        if (s.truth.writing != "printed") continue;
        auto located = envelope::locateRecipient(s.image);
        REQUIRE(located);
        const cv::Mat& b = located->block;
        auto text = engine->read({b.data, b.cols, b.rows, static_cast<int>(b.step[0])}, located->blockDpi);
        REQUIRE(text);
        for (const auto& line : text->lines)
            for (const auto& w : line.words) {
                ++words;
                wordsWithConfidence += w.confidence > 0 && w.confidence <= 100;
            }
        rates.push_back(test::characterErrorRate(text->texts(), s.truth.recipientLines));
        if (rates.back() > 0.1) WARN("envelope " << i << ": CER " << rates.back());
    }
    std::sort(rates.begin(), rates.end());
    const double median = rates[rates.size() / 2];
    double mean = 0;
    for (double r : rates)
        mean += r;
    mean /= static_cast<double>(rates.size());
    INFO("CER median " << median << ", mean " << mean);
    CHECK(median <= 0.02);
    CHECK(mean <= 0.03);
    CHECK(words > 0);
    CHECK(wordsWithConfidence == words);
}

TEST_CASE("handwriting-like recipient lines are read well enough to match", "[ocr]") {
    auto engine = ocr::Engine::create();
    REQUIRE(engine);
    const auto& directory = test::testDirectory();
    corpus::Options options;
    options.condition = corpus::Condition::Scan300;
    std::vector<double> rates;
    for (int i = 3000; rates.size() < 6; ++i) {
        const corpus::Sample s = corpus::makeEnvelope(directory, test::kSeed, i, options);
        if (s.truth.writing != "handwritten") continue;
        auto located = envelope::locateRecipient(s.image);
        REQUIRE(located);
        const cv::Mat& b = located->block;
        auto text = engine->read({b.data, b.cols, b.rows, static_cast<int>(b.step[0])}, located->blockDpi);
        REQUIRE(text);
        // Handwriting fonts write in capitals or title case: compare case-insensitively.
        auto lower = [](std::vector<std::string> lines) {
            for (auto& l : lines)
                for (auto& c : l)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return lines;
        };
        rates.push_back(test::characterErrorRate(lower(text->texts()), lower(s.truth.recipientLines)));
    }
    std::sort(rates.begin(), rates.end());
    INFO("CER median " << rates[rates.size() / 2]);
    CHECK(rates[rates.size() / 2] <= 0.25);
}

TEST_CASE("asked for, each word keeps the letters seen step by step, and they spell what was read", "[ocr]") {
    ocr::EngineOptions options;
    options.language = "fra"; // one model: every word has its steps
    auto engine = ocr::Engine::create(options);
    REQUIRE(engine);
    corpus::Options scan;
    scan.condition = corpus::Condition::Scan300;
    int checked = 0;
    for (int i = 2000; checked < 3; ++i) {
        const corpus::Sample s = corpus::makeEnvelope(test::testDirectory(), test::kSeed, i, scan);
        if (s.truth.writing != "printed") continue;
        auto located = envelope::locateRecipient(s.image);
        REQUIRE(located);
        const cv::Mat& b = located->block;
        const ocr::GrayView view{b.data, b.cols, b.rows, static_cast<int>(b.step[0])};
        auto plain = engine->read(view, located->blockDpi);
        auto with = engine->read(view, located->blockDpi, ocr::Layout::SingleBlock, true);
        REQUIRE(plain);
        REQUIRE(with);
        CHECK(plain->texts() == with->texts()); // the steps change nothing of the reading
        for (const auto& line : plain->lines)
            for (const auto& w : line.words)
                CHECK(w.steps.empty());
        for (const auto& line : with->lines)
            for (const auto& w : line.words) {
                REQUIRE_FALSE(w.steps.empty());
                // The likeliest class at each step, runs and gaps collapsed: the word's letters.
                std::string best;
                int last = kNoLetter;
                for (const auto& step : w.steps) {
                    const auto top =
                        static_cast<int>(std::max_element(step.begin(), step.end()) - step.begin());
                    if (top != last && top != kNoLetter) best += static_cast<char>('a' + top);
                    last = top;
                }
                std::string letters;
                for (char c : foldForSearch(w.text))
                    if (c >= 'a' && c <= 'z') letters += c;
                INFO("word " << w.text);
                if (w.confidence > 90 && letters.size() >= 3) CHECK(best == letters);
            }
        ++checked;
    }
}
