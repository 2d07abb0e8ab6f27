#pragma once
// The domiciled person's file (DomiFa "usager"), as replicated locally. Only the fields that a
// Guichet feature needs are kept: no phone number, no sex, no address history.

#include "guichet/core/Date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace guichet {

using DossierRef = std::int64_t; ///< DomiFa's integer `ref`, unique within the structure

enum class Statut { Instruction, AttenteDecision, Valide, Refus, Radie };

/// DomiFa spelling ("VALIDE", "RADIE"...), and back. parseStatut accepts any case and accents.
const char* toString(Statut statut);
std::optional<Statut> parseStatut(std::string_view text);

struct AyantDroit { ///< dependant whose mail comes to the same dossier
    std::string nom;
    std::string prenom;
    std::optional<Date> dateNaissance;
    std::string lien; ///< "ENFANT", "CONJOINT"... as DomiFa gives it

    bool operator==(const AyantDroit&) const = default;
};

struct Procuration { ///< a person allowed to collect the mail, for a period
    std::string nom;
    std::string prenom;
    std::optional<Date> dateNaissance;
    std::optional<Date> dateDebut;
    std::optional<Date> dateFin;

    bool operator==(const Procuration&) const = default;
};

struct Transfert { ///< mail forwarding to another address
    bool actif = false;
    std::string nom;
    std::string adresse;
    std::optional<Date> dateDebut;
    std::optional<Date> dateFin;

    bool operator==(const Transfert&) const = default;
};

struct Npai { ///< "n'habite pas à l'adresse indiquée": the structure no longer accepts mail
    bool actif = false;
    std::optional<Date> dateDebut;

    bool operator==(const Npai&) const = default;
};

enum class MailKind { Courrier, Recommande, Colis };
const char* toString(MailKind kind); ///< "courrier", "recommande", "colis"
std::optional<MailKind> parseMailKind(std::string_view text);

struct PendingCounts { ///< items waiting to be collected, per kind
    int courrier = 0;
    int recommande = 0;
    int colis = 0;

    int total() const { return courrier + recommande + colis; }
    int& operator[](MailKind kind);
    int operator[](MailKind kind) const;
    bool operator==(const PendingCounts&) const = default;
};

struct Dossier {
    DossierRef ref = 0;
    std::string customRef; ///< the ID staff see; may be printed as "Boite N"; NOT unique
    std::string nom;
    std::string prenom;
    std::string surnom; ///< alias, may be empty
    std::optional<Date> dateNaissance;
    Statut statut = Statut::Instruction;
    std::optional<Date> dateDebut; ///< domiciliation period (decision.dateDebut / dateFin)
    std::optional<Date> dateFin;
    std::vector<AyantDroit> ayantsDroits;
    std::vector<Procuration> procurations; ///< at most 5 in DomiFa
    Transfert transfert;
    Npai npai;
    PendingCounts pending; ///< as last known from the backend
    std::optional<Instant> lastVisit;
    /// DomiFa's `uuid` of the usager, empty when unknown (CSV import). A ref can be given again to
    /// a new person after a deletion (DomiFa hands out max(ref)+1); the uuid never is.
    std::string uuid;

    bool operator==(const Dossier&) const = default;
};

} // namespace guichet
