// Legacy 8-bit encodings (TCVN3, VNI-Windows) detected and converted to Unicode.
// Each test encodes Vietnamese text itself with an encoder written here from the published
// letter layout (not from rules/encodings.yaml), then checks the load stage reads it back.
#include "pipeline/legacy_encoding.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <map>
#include <string>

#include "pipeline/load.h"
#include "pipeline/vntext.h"
#include "tests/test_util.h"

namespace {

std::u32string U32(const std::string& utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(u.char32At(i));
  return out;
}

std::string Utf8(char32_t c) {
  std::string s;
  icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(s);
  return s;
}

// TCVN3 (ABC): rows of five tones (grave, hook, tilde, acute, dot) per vowel, as the
// standard lays them out, starting at the byte given.
std::map<char32_t, unsigned char> Tcvn3Encoder() {
  std::map<char32_t, unsigned char> m;
  const std::u32string plain = U"ĂÂÊÔƠƯĐăâêôơưđ";
  for (std::size_t i = 0; i < plain.size(); ++i) m[plain[i]] = static_cast<unsigned char>(0xA1 + i);
  struct Row { const char32_t* letters; unsigned char bytes[5]; };
  const Row rows[] = {
      {U"àảãáạ", {0xB5, 0xB6, 0xB7, 0xB8, 0xB9}}, {U"ằẳẵắặ", {0xBB, 0xBC, 0xBD, 0xBE, 0xC6}},
      {U"ầẩẫấậ", {0xC7, 0xC8, 0xC9, 0xCA, 0xCB}}, {U"èẻẽéẹ", {0xCC, 0xCE, 0xCF, 0xD0, 0xD1}},
      {U"ềểễếệ", {0xD2, 0xD3, 0xD4, 0xD5, 0xD6}}, {U"ìỉĩíị", {0xD7, 0xD8, 0xDC, 0xDD, 0xDE}},
      {U"òỏõóọ", {0xDF, 0xE1, 0xE2, 0xE3, 0xE4}}, {U"ồổỗốộ", {0xE5, 0xE6, 0xE7, 0xE8, 0xE9}},
      {U"ờởỡớợ", {0xEA, 0xEB, 0xEC, 0xED, 0xEE}}, {U"ùủũúụ", {0xEF, 0xF1, 0xF2, 0xF3, 0xF4}},
      {U"ừửữứự", {0xF5, 0xF6, 0xF7, 0xF8, 0xF9}}, {U"ỳỷỹýỵ", {0xFA, 0xFB, 0xFC, 0xFD, 0xFE}},
  };
  for (const Row& r : rows)
    for (int i = 0; i < 5; ++i) m[r.letters[i]] = r.bytes[i];
  return m;
}

std::string EncodeTcvn3(const std::string& utf8) {
  static const auto table = Tcvn3Encoder();
  std::string out;
  for (char32_t c : U32(vanban::ToNfc(utf8))) {
    if (c < 0x80) { out.push_back(static_cast<char>(c)); continue; }
    auto it = table.find(c);
    if (it == table.end()) it = table.find(U32(vanban::Lower(Utf8(c)))[0]);  // toned capital
    EXPECT_NE(it, table.end()) << "no TCVN3 byte for " << Utf8(c);
    if (it != table.end()) out.push_back(static_cast<char>(it->second));
  }
  return out;
}

// VNI-Windows: base letter, then one byte for the vowel mark and tone together.
std::string EncodeVni(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  std::string out;
  for (char32_t c : U32(vanban::ToNfc(utf8))) {
    if (c < 0x80) { out.push_back(static_cast<char>(c)); continue; }
    bool upper = vanban::Upper(Utf8(c)) == Utf8(c);
    auto up = [&](unsigned char b) { return static_cast<char>(upper ? b - 0x20 : b); };
    std::string lower = vanban::Lower(Utf8(c));
    // Letters VNI writes as one byte.
    static const std::map<std::string, unsigned char> singles = {
        {"đ", 0xF1}, {"ơ", 0xF4}, {"ư", 0xF6}, {"ì", 0xEC}, {"í", 0xED},
        {"ỉ", 0xE6}, {"ĩ", 0xF3}, {"ị", 0xF2}, {"ỵ", 0xEE}};
    // A horned letter with a tone: the horned letter's byte, then the tone.
    icu::UnicodeString d = nfd->normalize(icu::UnicodeString::fromUTF8(lower), err);
    std::u32string parts = U32([&] { std::string s; d.toUTF8String(s); return s; }());
    char32_t base = parts[0];
    bool circ = false, breve = false, horn = false;
    char32_t tone = 0;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (parts[i] == 0x302) circ = true;
      else if (parts[i] == 0x306) breve = true;
      else if (parts[i] == 0x31B) horn = true;
      else tone = parts[i];
    }
    if (singles.count(lower)) { out.push_back(up(singles.at(lower))); continue; }
    char b = static_cast<char>(upper ? base - 32 : base);
    if (horn) {
      out.push_back(up(base == U'o' ? 0xF4 : 0xF6));
    } else {
      out.push_back(b);
    }
    // tone bytes: grave ø F8, acute ù F9, hook û FB, tilde õ F5, dot ï EF;
    // with circumflex: à E0, á E1, å E5, ã E3, ä E4 (plain â E2);
    // with breve: è E8, é E9, ú FA, ü FC, ë EB (plain ê EA).
    const std::map<char32_t, unsigned char> plain = {{0x300, 0xF8}, {0x301, 0xF9}, {0x309, 0xFB}, {0x303, 0xF5}, {0x323, 0xEF}};
    const std::map<char32_t, unsigned char> withcirc = {{0, 0xE2}, {0x300, 0xE0}, {0x301, 0xE1}, {0x309, 0xE5}, {0x303, 0xE3}, {0x323, 0xE4}};
    const std::map<char32_t, unsigned char> withbreve = {{0, 0xEA}, {0x300, 0xE8}, {0x301, 0xE9}, {0x309, 0xFA}, {0x303, 0xFC}, {0x323, 0xEB}};
    if (circ) out.push_back(up(withcirc.at(tone)));
    else if (breve) out.push_back(up(withbreve.at(tone)));
    else if (tone) out.push_back(up(plain.at(tone)));
  }
  return out;
}

const char* kText =
    "Thực hiện Công văn số 1313/UBND-NC ngày 14/3/2024 của Ủy ban nhân dân tỉnh về việc triển "
    "khai thực hiện nhiệm vụ cải cách hành chính năm 2024, Chủ tịch UBND huyện có ý kiến như "
    "sau: đề nghị các cơ quan, đơn vị khẩn trương rà soát các nhiệm vụ được giao, tập trung "
    "triển khai thực hiện và hoàn thành đúng tiến độ; định kỳ báo cáo kết quả thực hiện về "
    "Phòng Nội vụ trước ngày 25 hằng tháng. Người đứng đầu chịu trách nhiệm trước Chủ tịch.\n";

TEST(LegacyEncoding, EncodersAgreeWithTheDomainNotes) {
  // format.md §6, checked by hand: TCVN3 "Céng hoµ x· héi", "nh©n"; VNI "nhaân", "chaøo".
  EXPECT_EQ(EncodeTcvn3("Cộng hoà xã hội"), "C\xE9ng ho\xB5 x\xB7 h\xE9i");
  EXPECT_EQ(EncodeTcvn3("nhân"), "nh\xA9n");
  EXPECT_EQ(EncodeVni("nhân dân"), "nha\xE2n da\xE2n");
  EXPECT_EQ(EncodeVni("Xin chào các bạn"), "Xin cha\xF8o ca\xF9" "c ba\xEFn");
  EXPECT_EQ(EncodeVni("Ủy"), "U\xDBy");
  EXPECT_EQ(EncodeVni("người"), "ng\xF6\xF4\xF8i");
}

TEST(LegacyEncoding, Tcvn3TextIsConverted) {
  std::string bytes = EncodeTcvn3(kText);
  vanban::Result<vanban::LoadedText> r = vanban::DecodeText(bytes, "old/cv.txt");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r.value().encoding, "tcvn3");
  // TCVN3 keeps no case on toned capitals: "Ủy" comes back "ủy" mid-sentence.
  EXPECT_EQ(vanban::Lower(r.value().utf8), vanban::Lower(kText));
  EXPECT_NE(r.value().utf8.find("Người đứng đầu"), std::string::npos);
}

TEST(LegacyEncoding, Tcvn3CapitalsComeBackInCapitals) {
  std::string bytes = EncodeTcvn3("ỦY BAN NHÂN DÂN\nSố: 583/UBND\n");
  vanban::Result<vanban::LoadedText> r = vanban::DecodeText(bytes, "old/cv.txt");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r.value().utf8, "ỦY BAN NHÂN DÂN\nSố: 583/UBND\n");
}

TEST(LegacyEncoding, VniTextIsConverted) {
  std::string bytes = EncodeVni(kText);
  vanban::Result<vanban::LoadedText> r = vanban::DecodeText(bytes, "old/cv.txt");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r.value().encoding, "vni");
  EXPECT_EQ(r.value().utf8, vanban::ToNfc(kText));
}

TEST(LegacyEncoding, SeedInBothEncodingsReadsTheSame) {
  std::string seed = vanban_test::ReadFile(vanban_test::CorpusPath(vanban_test::SeedStems()[3]));
  ASSERT_FALSE(seed.empty());
  seed = seed.substr(0, 3000);
  while (!seed.empty() && (static_cast<unsigned char>(seed.back()) & 0xC0) == 0x80) seed.pop_back();
  if (!seed.empty() && static_cast<unsigned char>(seed.back()) >= 0xC0) seed.pop_back();
  // Superscript footnote markers have no legacy byte: leave them out.
  for (const char* sup : {"¹", "²", "³"})
    for (std::size_t p; (p = seed.find(sup)) != std::string::npos;) seed.erase(p, std::string(sup).size());
  auto vni = vanban::DecodeText(EncodeVni(seed), "a.txt");
  ASSERT_TRUE(vni) << vni.error().message;
  EXPECT_EQ(vni.value().utf8, vanban::ToNfc(seed));
  auto tcvn3 = vanban::DecodeText(EncodeTcvn3(seed), "a.txt");
  ASSERT_TRUE(tcvn3) << tcvn3.error().message;
  EXPECT_EQ(vanban::Lower(tcvn3.value().utf8), vanban::Lower(vanban::ToNfc(seed)));
}

TEST(LegacyEncoding, PdfTextLayerInLegacyFontIsRepaired) {
  // A .VnTime font read as Latin-1: "Céng hoµ x· héi chñ nghÜa ViÖt Nam".
  std::string latin1 = "C\xC3\xA9ng ho\xC2\xB5 x\xC2\xB7 h\xC3\xA9i ch\xC3\xB1 ngh\xC3\x9C" "a Vi\xC3\x96t Nam";
  auto g = vanban::LegacyDecoder::Embedded().RepairLatin1(latin1);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->encoding, "tcvn3");
  EXPECT_EQ(g->utf8, "Cộng hoà xã hội chủ nghĩa Việt Nam");
  // Real Vietnamese and plain French are left alone.
  EXPECT_FALSE(vanban::LegacyDecoder::Embedded().RepairLatin1("Cộng hòa xã hội").has_value());
  EXPECT_FALSE(vanban::LegacyDecoder::Embedded().RepairLatin1("Café crème brûlée").has_value());
}

TEST(LegacyEncoding, LegacyFilesGiveTheSameRecordAsUnicode) {
  const std::string text =
      "ỦY BAN NHÂN DÂN\nHUYỆN SƠN TÂY\n\nSố: 583/UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Độc lập - Tự do - Hạnh phúc\n\nSơn Tây, ngày 15 tháng 3 năm 2024\n\n"
      "Kính gửi: Công an huyện.\n\nĐề nghị Công an huyện thực hiện./.\n";
  auto p = vanban_test::SharedPipeline();
  ASSERT_TRUE(p);
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"tcvn3", EncodeTcvn3(text)},
                                    {"vni", EncodeVni(text)}}) {
    vanban::Record r = p->ExtractBytes(bytes, "old/cv583.txt");
    ASSERT_FALSE(r.error) << name << ": " << r.error->message;
    EXPECT_EQ(r.source.encoding, name);
    ASSERT_EQ(r.documents.size(), 1u) << name;
    const vanban::Document& d = r.documents[0];
    EXPECT_EQ(vanban_test::Show(d.number), "\"583\"") << name;
    EXPECT_EQ(vanban_test::Show(d.date), "\"2024-03-15\"") << name;
    EXPECT_EQ(vanban_test::Show(d.issuer.name), "\"Ủy ban nhân dân huyện Sơn Tây\"") << name;
    ASSERT_EQ(d.recipients.size(), 1u) << name;
    EXPECT_EQ(d.recipients[0], "Công an huyện") << name;
  }
}

}  // namespace
