#pragma once
// Second, independent corpus generator (issue 22): envelopes and QR cards "as the world sends
// them", with ground truth. Written without looking at the recogniser or the matcher, so that
// nothing in it is tuned to them. Deterministic from a seed: the same (seed, index) always gives
// the same pixels on the same fonts. Test and bench support only; never linked into the product.
//
// Seeds 1..10 are tuning seeds; seeds 100..199 are held out (see tests/corpus2/README.md).

#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace guichet::corpus2 {

struct Person {
    std::int64_t ref = 0;
    std::string customRef;
    std::string nom;    ///< as the directory holds it (capitals, accents kept)
    std::string prenom; ///< as the directory holds it (compound names with "-" or " ")
    std::string surnom; ///< nickname, or ""
    std::string dateNaissance;
    std::string statut = "VALIDE"; ///< VALIDE or RADIE
    std::string ayantsDroits;      ///< "Prenom NOM;Prenom NOM"
    std::string procurations;      ///< "Prenom NOM (YYYY-MM-DD..YYYY-MM-DD)"
    std::string origin;            ///< country the name pool comes from (not in the CSV)
    bool female = false;           ///< drives the civility (not in the CSV)
    int homonymOf = -1;            ///< index of the other dossier with the same name, or -1
};

/// The structure that gives the address: name and address lines, some of them carrying numbers
/// that are not dossier numbers ("Boîte n° 57", "PAS LYON 3 – BOITE 220", "CS 30012").
struct Structure {
    std::string name;
    std::string street;
    std::string postcodeCity;
    int kind = 0;   ///< which of the address forms
    int number = 0; ///< the structure's own box / BP / CS number, the same on all its mail
};

struct Directory {
    std::vector<Person> people;
    Structure structure;
    std::string
    csv() const; ///< header ref,customRef,nom,prenom,surnom,dateNaissance,statut,ayantsDroits,procurations
};

Directory makeDirectory(std::uint64_t seed, int count);

struct EnvelopeTruth {
    std::string image;                   ///< file name in the corpus folder
    std::optional<std::int64_t> dossier; ///< the right dossier; empty when not in the directory
    std::string cls;                     ///< clean-scan, photo, held-in-hand, handwritten, webcam
    std::string form;       ///< the recipient form (plain, dossier-ref, other-ids, nickname-alone...)
    std::string absentKind; ///< "", "look-alike" (one letter from a dossier's name) or "stranger"
    std::string layout;     ///< envelope, window, registered, folded-a4
    std::string civility;   ///< "", "M.", "Madame", "Monsieur ou Madame"...
    std::string order;      ///< given-first, surname-first
    std::string font;       ///< the recipient block's font file name
    std::string capture;    ///< scan or camera (handwritten envelopes are either)
    bool boxNumber = false; ///< the structure's address carries a box / BP / CS number
    std::vector<std::string> conditions; ///< camera conditions applied ("perspective:23", "glare"...)
    std::vector<std::string> lines;      ///< the recipient block as written, top to bottom
};

struct Envelope {
    std::vector<unsigned char> encoded; ///< the file bytes (.jpg or .png as truth.image says)
    EnvelopeTruth truth;
};

/// Envelope number `index` of the corpus of `seed` for this directory.
Envelope makeEnvelope(const Directory& directory, std::uint64_t seed, int index);

struct CardTruth {
    std::string image;
    std::string text;     ///< the QR code's content, 120 characters
    std::string distance; ///< near, mid, far
    double modulePx = 0;  ///< approximate size of one module in the frame
    std::vector<std::string> conditions;
};

struct Card {
    std::vector<unsigned char> encoded;
    CardTruth truth;
};

/// Camera frame number `index` of a QR card held in front of a webcam or phone.
Card makeCard(std::uint64_t seed, int index);

std::string toJson(const EnvelopeTruth& truth); ///< one line, no newline
std::string toJson(const CardTruth& truth);

/// The font files found on this machine for printed and handwritten text (none of the first
/// generator's). Generation fails when either list is empty.
std::vector<std::string> printedFonts();
std::vector<std::string> handFonts();

} // namespace guichet::corpus2
