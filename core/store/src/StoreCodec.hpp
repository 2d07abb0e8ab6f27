#pragma once
// Encoding of the parts of domain values that the store keeps as text.

#include "guichet/core/Dossier.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace guichet::store::codec {

/// ayantsDroits, procurations, transfert and npai as one JSON object.
std::string encodeDetails(const Dossier& dossier);
/// Fills those fields of `dossier`; returns false when the text is not valid JSON of that shape.
bool decodeDetails(const std::string& json, Dossier& dossier);

std::string encodeCandidates(const std::vector<std::pair<DossierRef, double>>& candidates);
std::vector<std::pair<DossierRef, double>> decodeCandidates(const std::string& text);

std::optional<std::string> dateText(const std::optional<Date>& date);
std::optional<Date> textDate(const std::string& text);

} // namespace guichet::store::codec
