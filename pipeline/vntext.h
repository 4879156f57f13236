// Vietnamese text helpers shared by every stage (ICU underneath).
//
//   ToNfc("Huye\u0302\u0323n")        -> "Huyện"
//   CanonicalTones("Huyện uỷ hoà")   -> "Huyện ủy hòa"   (old style: tone on the first vowel)
//   Fold("Quyết Định số")            -> "quyet dinh so"  (search key: no marks, đ->d, lower)
//   Lower("ỦY BAN") -> "ủy ban";  Upper("đ") -> "Đ"
//   SentenceCase("CHỦ TỊCH UBND TỈNH", keep) -> "Chủ tịch UBND tỉnh" (keep: words kept as is)
//
// All functions take and return UTF-8 and are safe to call from many threads.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vanban {

std::string ToNfc(std::string_view s);
// One tone-mark placement for the open syllables oa, oe, uy (not after q): the old style,
// as the evaluation's matching rules use ("hoà" -> "hòa", "uỷ" -> "ủy"). Input must be NFC.
std::string CanonicalTones(std::string_view s);
std::string Lower(std::string_view s);
std::string Upper(std::string_view s);
// Lower-case, strip diacritics, fold đ to d, collapse whitespace: the key for
// diacritic-insensitive matching ("quyet dinh" finds "Quyết định").
std::string Fold(std::string_view s);
// First letter upper, the rest lower, except words found (in upper case) in `keep_upper`
// which keep their printed form (abbreviations such as UBND, HĐND, CCHC).
std::string SentenceCase(std::string_view s, const std::set<std::string>& keep_upper = {});
// Every word capitalised ("SƠN TÂY" -> "Sơn Tây"), for proper names.
std::string TitleCase(std::string_view s);
// True when the text has letters and none of them is lower case ("ỦY BAN NHÂN DÂN").
bool IsAllUpper(std::string_view s);
// True when the first letter of s is lower case.
bool StartsLower(std::string_view s);
bool StartsUpper(std::string_view s);
// Collapses runs of white space to one space and trims both ends.
std::string Squash(std::string_view s);
// Trims white space and the given punctuation from both ends.
std::string Trim(std::string_view s, std::string_view extra = "");
std::vector<std::string> SplitWords(std::string_view s);
// SplitWords(s).size(), without making the words.
std::size_t CountWords(std::string_view s);

}  // namespace vanban
