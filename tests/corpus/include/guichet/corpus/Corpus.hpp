#pragma once
// Dev corpus generator: synthetic but realistic envelopes with ground truth, and the directory of
// dossiers they are addressed to. Deterministic from a seed: the same (seed, index) always gives
// the same pixels. Test and bench support only; never linked into the product.
//
// Thread-safety: every function is pure (no shared state); cairo and OpenCV calls are per call.

#include <array>
#include <cstdint>
#include <filesystem>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::corpus {

struct Person {
    std::int64_t ref = 0;
    std::string customRef;
    std::string nom;
    std::string prenom;
    std::string surnom;
    std::string dateNaissance; ///< YYYY-MM-DD
    std::string statut = "VALIDE";
    std::vector<std::pair<std::string, std::string>> ayantsDroits; ///< (prenom, nom)
    std::vector<std::pair<std::string, std::string>> procurations; ///< (prenom, nom)
};

struct DirectorySpec {
    std::vector<Person> people;
    /// The structure that gives the address, drawn from the seed among a few forms (street word,
    /// PO box line, CEDEX, town).
    std::string structureName = "CCAS de Lyon";
    std::string street = "3 rue Louis Vitet";
    std::string postBox;                  ///< "BP 4021", "CS 30012" or ""
    std::string city = "69001 LYON";      ///< postcode and town in capitals
    std::string cityMixed = "69001 Lyon"; ///< as people write it
    std::string postmark = "LYON CTC";    ///< sorting office on postmarks
    std::string stamp = "CCAS DE LYON";   ///< the structure on its "Reçu le" stamp

    /// The CSV `guichet import` and `guichet match --directory` read (header
    /// ref,customRef,nom,prenom,surnom,dateNaissance,statut,ayantsDroits,procurations).
    std::string csv() const;
};

/// `count` dossiers with French and immigrant names, accents, apostrophes, compound names,
/// a few homonym pairs (same name, other birth date), dependants and procurations.
DirectorySpec makeDirectory(std::uint64_t seed, int count);

enum class Condition {
    Scan300,    ///< flatbed, 300 dpi, straight (±1.5°)
    Scan200,    ///< flatbed, 200 dpi, straight
    Rotated,    ///< flatbed, rotated up to ±15° or laid portrait
    UpsideDown, ///< flatbed, 180° (± a few degrees)
    Photo,      ///< phone or webcam: perspective, clutter, blur, uneven light, JPEG artefacts
};
const char* toString(Condition condition);
std::optional<Condition> conditionFromString(std::string_view name); ///< toString's inverse
bool isCleanScan(Condition condition);                               ///< Scan300 and Scan200

struct Truth {
    std::string name;                        ///< file stem, "env-0007"
    std::optional<std::int64_t> dossier;     ///< the dossier the item belongs to; empty when absent
    std::string absentKind;                  ///< "", "stranger" or "near" (one letter from a real dossier)
    std::string via = "holder";              ///< holder, dependant, alias
    std::string kind = "courrier";           ///< courrier, recommande, colis
    std::string tracking;                    ///< registered / parcel tracking number (compact), or ""
    std::vector<std::string> recipientLines; ///< as printed, top to bottom
    Condition condition = Condition::Scan300;
    std::string format;  ///< DL, C5, C4
    std::string paper;   ///< white, kraft, blue, pink, yellow, green, cream
    std::string writing; ///< printed, handwritten
    std::string font;    ///< the recipient block's font family
    std::string sender;  ///< "CAF", "CPAM"... or "private"
    bool window = false;
    int dpi = 300;            ///< sampling of the envelope in the image (approximate for photos)
    double rotationDeg = 0.0; ///< in-plane rotation applied (photos: of the envelope)
    std::array<cv::Point2f, 4>
        envelopeQuad{}; ///< envelope corners in the image (TL, TR, BR, BL of the envelope)
    std::array<cv::Point2f, 4> blockQuad{}; ///< recipient block corners in the image, same order
    std::string fileExtension = ".png";
};

struct Sample {
    cv::Mat image;                      ///< BGR 8-bit, as decoded from `encoded`
    std::vector<unsigned char> encoded; ///< the file bytes (PNG or JPEG, see truth.fileExtension)
    Truth truth;
};

struct Options {
    std::optional<Condition> condition; ///< forced, else drawn from the mix
    double absentRate = 0.15;           ///< share of recipients not in the directory
    /// The recipient block in fonts the pipeline was never tuned on (names::heldOutPrintedFonts
    /// and heldOutHandFonts); everything else is drawn as without it.
    bool heldOutFonts = false;
};

/// Envelope number `index` of the corpus for this directory and seed.
Sample makeEnvelope(const DirectorySpec& directory, std::uint64_t seed, int index,
                    const Options& options = {});

/// Writes the sample's image file (its encoded bytes) into `dir`; returns its path.
std::filesystem::path writeImage(const std::filesystem::path& dir, const Sample& sample);

/// A PDF as a scanner's "scan to folder" writes it: one page per sample, sized so that the image is
/// at its resolution (truth.dpi), a JPEG sample embedded as it is (DCTDecode).
std::vector<unsigned char> encodePdf(const std::vector<Sample>& pages);

/// Sidecar JSON of a sample's truth.
std::string toJson(const Truth& truth);
/// The Truth that toJson wrote (a corpus kept on disk and read again); nullopt when `json` is not one.
std::optional<Truth> truthFromJson(const std::string& json);

} // namespace guichet::corpus
