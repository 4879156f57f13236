// Real Vietnamese place names for the corpus generator, by administrative class.
//
//   for (std::string_view name : vanban::gencorpus::Places(PlaceClass::kCommune)) { ... }
//   // "Ba Tiêu", "Nghĩa Chánh", ... (title case, NFC)
//
// The generator swaps the issuer's province, district and commune names in a seed document
// for names drawn from these lists; the level words it may swap between ("xã" / "phường" /
// "thị trấn", ...) are here too.
#pragma once

#include <span>
#include <string_view>

namespace vanban::gencorpus {

enum class PlaceClass { kProvince = 0, kDistrict = 1, kCommune = 2 };

// The names of one class, title case ("Quảng Ngãi").
std::span<const std::string_view> Places(PlaceClass c);

// A level word in its three printed forms: "xã", "Xã", "XÃ".
struct LevelWord {
  std::string_view lower;
  std::string_view capital;
  std::string_view upper;
};

// The level words of one class, the most common first ("huyện", "thị xã", "thành phố").
std::span<const LevelWord> LevelWords(PlaceClass c);

}  // namespace vanban::gencorpus
