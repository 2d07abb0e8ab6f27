#pragma once
// guichet::reader — the envelope pipeline end to end:
//   image file → pages → barcodes (kind, tracking) → envelope → recipient block → OCR → matcher.
//
//   match::Directory directory(dossiers);                 // shared, read-only, by all workers
//   auto reader = Reader::create(directory);              // one per worker thread (owns a Tesseract)
//   auto pages = reader->readFile("scan.jpg");            // one Reading per page
//
// Errors: readFile fails (Error naming the file) when the image cannot be loaded (missing, empty,
// truncated, corrupt, too large). A page where no text is found is not an error: it reads as
// Decision::Unknown with no lines and a reason.
// Threads: a Reader is not thread-safe (its OCR engine is not); the Directory must outlive it.

#include "guichet/core/Dossier.hpp"
#include "guichet/core/Result.hpp"
#include "guichet/match/Matcher.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::reader {

/// Where the time of a page went, in ms: the bench prints it, and it tells a slow desk's cause.
struct Timings {
    double load = 0;   ///< reading the file and decoding the page
    double locate = 0; ///< envelope, orientation, layout, block cut (every layout tried)
    double ocr = 0;    ///< Tesseract, every pass
    double codes = 0;  ///< barcodes
    int layouts = 0;   ///< 2 when the other way up was read too
    int ocrPasses = 0; ///< 1 when the first reading was sure; retries add theirs
};

struct Reading {
    std::string image; ///< the file it came from
    int page = 0;      ///< 0-based page (multi-page TIFF or PDF)
    int pages = 1;     ///< pages in the file
    match::Decision decision = match::Decision::Unknown;
    std::optional<DossierRef> dossier;        ///< set only when decision is Auto
    double confidence = 0.0;                  ///< best candidate's score, 0 when none
    std::vector<match::Candidate> candidates; ///< best first, at most 5
    bool returnToSender = false;              ///< the Auto dossier is struck off / refused / npai
    MailKind kind = MailKind::Courrier;
    std::string tracking;           ///< registered-mail / parcel number, compact, or ""
    std::vector<std::string> codes; ///< every barcode text read (postage DataMatrix...)
    std::vector<std::string> lines; ///< recipient lines read
    double ocrConfidence = 0.0;     ///< mean word confidence 0..100
    std::string reason;             ///< the matcher's reason, or why nothing was read
    bool upsideDown = false;
    bool envelopeFound = false;
    std::vector<unsigned char> cropPng; ///< the address block as PNG (when Options::keepCrop)
    double ms = 0.0;                    ///< wall time for this page, its loading included
    Timings timings;
};

struct Options {
    std::string ocrDataPath; ///< tessdata folder; empty = default
    /// Tesseract models. English beside French reads handwriting much better (on the generated
    /// corpus: 67 % of handwritten envelopes auto-matched against 55 % with "fra" alone) for the
    /// same time on print, where Tesseract keeps the French reading when it is confident.
    std::string ocrLanguages = "fra+eng";
    /// A second model for the retries of an unsure reading (Debian: tesseract-ocr-script-latn):
    /// it misreads other letters of handwriting than the first. Loaded by the first retry that
    /// needs it (≈0.4 s, ≈250 MB per Reader); empty, or not installed: those retries are skipped.
    std::string secondOcrLanguages = "Latin";
    bool keepCrop = false; ///< encode the address block as PNG into Reading::cropPng
    bool readCodes = true; ///< decode La Poste barcodes (kind, tracking)
};

/// What a decoded barcode says about the item: registered letters ("1A 123 456 7890 1", or UPU
/// "RR123456785FR") make a recommandé, parcel numbers (Colissimo "6A...", UPU "C…/E…") a colis.
/// nullopt for other codes (postage DataMatrix, QR...).
struct MailCode {
    MailKind kind = MailKind::Courrier;
    std::string tracking;
    bool operator==(const MailCode&) const = default;
};
std::optional<MailCode> classifyMailCode(std::string_view text);

/// How many threads the image library may use inside one reading; -1: its default (all cores,
/// best for one envelope at a time). With one Reader per core, 1: its threads would only contend
/// with the other workers (6 % more envelopes/s on 2 cores). Process-wide.
void setImageThreads(int threads);

class Reader {
public:
    static Result<Reader> create(const match::Directory& directory, const Options& options = {});

    Reader(Reader&&) noexcept;
    Reader& operator=(Reader&&) noexcept;
    ~Reader();

    /// Every page of the file, read one after the other (one page in memory at a time).
    Result<std::vector<Reading>> readFile(const std::string& path);
    /// The pages readPage can read (1 for a JPEG or PNG; a TIFF's or PDF's, counted).
    static Result<int> pageCount(const std::string& path);
    /// One page (0-based) of a file of `pages` pages: the pages of one PDF can go to several workers.
    Result<Reading> readPage(const std::string& path, int page, int pages = 1);
    /// The same on encoded JPEG/PNG bytes already in memory.
    Result<Reading> readBytes(const std::vector<unsigned char>& bytes, const std::string& name);

    /// Why the second model (Options::secondOcrLanguages) could not be loaded when a retry first
    /// needed it (not installed); empty while it loaded, was not needed yet, or is turned off.
    /// Readings go on without it: say so once to whoever runs the desk.
    const std::string& secondModelProblem() const;
    /// Loads the second model now instead of at the first retry that needs it (a process that
    /// forks a worker per file loads it once, before forking). Returns secondModelProblem().
    const std::string& preloadSecondModel();

private:
    struct Impl;
    explicit Reader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace guichet::reader
