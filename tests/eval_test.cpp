// Unit tests of tools/eval/scoring.h: canon()/words()/key_canon() by hand, and Score() on
// small gold folders written to a temporary directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tools/eval/scoring.h"

namespace {

using vanban::eval::Canon;
using vanban::eval::Json;
using vanban::eval::KeyCanon;
using vanban::eval::Words;

TEST(evalCanon, ExpandsAbbreviations) {
  EXPECT_EQ(Canon("UBND huyện"), Canon("ủy ban nhân dân huyện"));
  EXPECT_EQ(Canon("UBND huyện"), "ủy ban nhân dân huyện");
  EXPECT_EQ(Canon("HĐND tỉnh"), "hội đồng nhân dân tỉnh");
  EXPECT_EQ(Canon("Hồ sơ CCHC"), "hồ sơ cải cách hành chính");
  EXPECT_EQ(Canon("UBND,"), "ủy ban nhân dân");  // trailing punctuation goes first
  // Only whole words: "CT," keeps its comma and is not expanded.
  EXPECT_EQ(Canon("CT, PCT UBND xã"), "ct, phó chủ tịch ủy ban nhân dân xã");
}

TEST(evalCanon, CanonicalToneMarks) {
  EXPECT_EQ(Canon("Hoà"), "hòa");
  EXPECT_EQ(Canon("Hoà"), Canon("Hòa"));
  EXPECT_EQ(Canon("Huyện uỷ"), "huyện ủy");
  EXPECT_EQ(Canon("HUỶ BỎ"), "hủy bỏ");  // folded to lower case first
  EXPECT_EQ(Canon("khoẻ mạnh"), "khỏe mạnh");
  EXPECT_EQ(Canon("quý"), "quý");  // not after q
  EXPECT_EQ(Canon("Quý II"), "quý ii");
  EXPECT_EQ(Canon("hoàn thành"), "hoàn thành");  // closed syllable stays
  EXPECT_EQ(Canon("hoà2"), "hoà2");              // a digit is a word character for the regex
  EXPECT_EQ(Canon("hoà_"), "hoà_");
  EXPECT_EQ(Canon("hoà,"), "hòa");
}

TEST(evalCanon, WhitespacePunctuationBullets) {
  EXPECT_EQ(Canon("- Như trên;"), "như trên");
  EXPECT_EQ(Canon("- Như trên;"), Canon("Như trên"));
  EXPECT_EQ(Canon("• Lưu:\u00a0VT,  Hồ sơ."), "lưu: vt, hồ sơ");
  EXPECT_EQ(Canon("  Sở   Nội\tvụ\n"), "sở nội vụ");
  EXPECT_EQ(Canon("– Các xã"), "các xã");
  EXPECT_EQ(Canon("+Phòng Tư pháp"), "phòng tư pháp");
  EXPECT_EQ(Canon("-;"), "");
  EXPECT_EQ(Canon(""), "");
  // NFD input composes before anything else.
  EXPECT_EQ(Canon("Huye\u0302\u0323n"), "huyện");
}

TEST(evalCanon, JsonValuesLikePythonStr) {
  EXPECT_EQ(vanban::eval::CanonValue(Json()), std::nullopt);
  EXPECT_EQ(vanban::eval::CanonValue(Json("UBND")), "ủy ban nhân dân");
  EXPECT_EQ(vanban::eval::CanonValue(Json(583)), "583");
  EXPECT_EQ(vanban::eval::CanonValue(Json(false)), "false");  // str(False).casefold()
  EXPECT_EQ(vanban::eval::CanonValue(Json(2.0)), "2.0");      // str(2.0)
}

TEST(evalWords, RunsOfWordCharacters) {
  EXPECT_EQ(Words("Triển khai (Kế hoạch) số 12/KH-UBND;"),
            (std::vector<std::string>{"triển", "khai", "kế", "hoạch", "số", "12", "kh", "ubnd"}));
  EXPECT_EQ(Words("UBND huyện"), (std::vector<std::string>{"ủy", "ban", "nhân", "dân", "huyện"}));
  EXPECT_TRUE(Words("").empty());
  EXPECT_TRUE(vanban::eval::WordsValue(Json()).empty());
}

TEST(evalKeyCanon, UpperNoSpacesAndRepairs) {
  EXPECT_EQ(KeyCanon("2454/qd-ubnd@2022"), "2454/QĐ-UBND@2022");
  EXPECT_EQ(KeyCanon("12/QĐUBND@2021"), "12/QĐ-UBND@2021");
  EXPECT_EQ(KeyCanon("34 / 2016/nđ-cp@2016"), "34/2016/NĐ-CP@2016");
  EXPECT_EQ(KeyCanon("Luật:ban hành văn bản@2015"), "LUẬT:BANHÀNHVĂNBẢN@2015");
  EXPECT_EQ(vanban::eval::KeyCanonValue(Json("")), std::nullopt);
  EXPECT_EQ(vanban::eval::KeyCanonValue(Json()), std::nullopt);
}

TEST(evalPython, StemReprFloat) {
  using vanban::eval::Stem;
  EXPECT_EQ(Stem("corpus/seeds/003_3154606db7b394f5.txt"), "003_3154606db7b394f5");
  EXPECT_EQ(Stem("a.b.c"), "a.b");
  EXPECT_EQ(Stem(".bashrc"), ".bashrc");
  EXPECT_EQ(Stem(""), "");
  using vanban::eval::detail::PyFloatRepr;
  EXPECT_EQ(PyFloatRepr(0.5), "0.5");
  EXPECT_EQ(PyFloatRepr(1.0), "1.0");
  EXPECT_EQ(PyFloatRepr(0.0), "0.0");
  EXPECT_EQ(PyFloatRepr(0.1), "0.1");
  EXPECT_EQ(PyFloatRepr(1e-5), "1e-05");
  EXPECT_EQ(PyFloatRepr(0.0001), "0.0001");
  EXPECT_EQ(PyFloatRepr(1e16), "1e+16");
  EXPECT_EQ(PyFloatRepr(123.25), "123.25");
  using vanban::eval::PyRepr;
  EXPECT_EQ(PyRepr(Json("Chủ tịch")), "'Chủ tịch'");
  EXPECT_EQ(PyRepr(Json("it's")), "\"it's\"");
  EXPECT_EQ(PyRepr(Json("a\nb\u00a0")), "'a\\nb\\xa0'");
  EXPECT_EQ(PyRepr(Json()), "None");
  EXPECT_EQ(PyRepr(Json(true)), "True");
  EXPECT_EQ(PyRepr(Json::parse(R"(["a", 1, null])")), "['a', 1, None]");
}

// A gold folder and prediction lines in a fresh temporary directory.
class evalScore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("vanban_eval_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void WriteGold(const std::string& name, const Json& rec) {
    std::ofstream(dir_ / name) << rec.dump(2);
  }
  static vanban::eval::Predictions Preds(const std::vector<Json>& recs) {
    std::stringstream ss;
    for (const auto& r : recs) ss << r.dump() << "\n";
    return vanban::eval::ParsePredictions(ss, "pred.jsonl");
  }
  static double Metric(const vanban::eval::Result& r, const std::string& name) {
    return r.metrics.Get(name).value();
  }

  static Json Gold() {
    return Json::parse(R"({
      "source": {"path": "seeds/001_a.txt"},
      "documents": [{
        "type": "Công văn", "number": "583", "symbol": "UBND", "draft": false,
        "issuer": {"name": "Ủy ban nhân dân huyện Sơn Tây", "parent": null},
        "place": "Sơn Tây", "date": "2024-03-15", "subject": "triển khai nhiệm vụ năm 2024",
        "recipients": ["Công an huyện", "Phòng Nội vụ"],
        "distribution": ["Như trên", "Lưu: VT"],
        "signer": {"name": "Nguyễn Văn A", "position": "Chủ tịch"},
        "citations": [
          {"type": "Công văn", "date": "2024-03-14", "key": "1313/UBND-NC@2024"},
          {"type": "Luật", "date": null,
           "key": "Luật:ban hành văn bản quy phạm pháp luật@2015"}],
        "tasks": [
          {"id": "1", "assignees": ["Phòng Nội vụ"],
           "action": "khẩn trương rà soát các nhiệm vụ được giao trong năm",
           "deadline": {"date": "2024-03-31"}},
          {"id": "2", "assignees": ["Công an huyện", "UBND các xã"],
           "action": "báo cáo kết quả thực hiện về UBND huyện", "deadline": null}]
      }]})");
  }

  std::filesystem::path dir_;
};

TEST_F(evalScore, GoldAgainstItselfScoresOne) {
  WriteGold("001_a.json", Gold());
  const auto r = vanban::eval::Score(Preds({Gold()}), dir_, true);
  EXPECT_TRUE(r.notes.empty());
  for (const auto& [k, v] : r.metrics.values) EXPECT_DOUBLE_EQ(v, 1.0) << k;
  EXPECT_EQ(r.metrics.values.back().first, "score");
}

TEST_F(evalScore, PerturbationsLowerTheRightMetrics) {
  WriteGold("001_a.json", Gold());
  Json p = Gold();
  auto& d = p["documents"][0];
  d["citations"].erase(0);  // drop 1313/UBND-NC
  // key_canon drops the spaces, so a title key only aliases when it differs in case or in
  // punctuation around the words ("…pháp luật.@2015" has the same word set).
  d["citations"][0]["key"] = "luật: Ban hành văn bản quy phạm pháp luật.@2015";
  d["date"] = "2024-03-16";
  d["issuer"]["name"] = "UBND huyện Sơn Tây";  // still equal after canon
  d["tasks"][0]["deadline"]["date"] = "2024-04-30";
  d["tasks"][1]["action"] = "Báo cáo kết quả thực hiện về Ủy ban nhân dân huyện trước ngày 5";
  const auto r = vanban::eval::Score(Preds({p}), dir_, true);
  EXPECT_DOUBLE_EQ(Metric(r, "date"), 0.0);
  EXPECT_DOUBLE_EQ(Metric(r, "issuer.name"), 1.0);
  EXPECT_DOUBLE_EQ(Metric(r, "citation_precision"), 1.0);  // the alias matched the Luật
  EXPECT_DOUBLE_EQ(Metric(r, "citation_recall"), 0.5);
  EXPECT_DOUBLE_EQ(Metric(r, "task_f1"), 1.0);
  EXPECT_DOUBLE_EQ(Metric(r, "deadline_f1"), 0.0);
  EXPECT_DOUBLE_EQ(Metric(r, "header_accuracy"), 10.0 / 11.0);
  const std::vector<std::string> want = {
      "001_a#1 date: want '2024-03-15' got '2024-03-16'",
      "001_a#1 citation missed: 1313/UBND-NC@2024",
  };
  EXPECT_EQ(r.notes, want);
}

TEST_F(evalScore, MissingPredictionAndMissedTask) {
  WriteGold("001_a.json", Gold());
  Json other = Gold();
  other["source"]["path"] = "x/002_b.txt";
  WriteGold("002_b.json", other);
  Json p = Gold();
  p["documents"][0]["tasks"].erase(0);
  const auto r = vanban::eval::Score(Preds({p}), dir_, true);
  EXPECT_DOUBLE_EQ(Metric(r, "files_read"), 0.5);
  EXPECT_DOUBLE_EQ(Metric(r, "document_count"), 0.5);
  EXPECT_DOUBLE_EQ(Metric(r, "type"), 0.5);
  EXPECT_DOUBLE_EQ(Metric(r, "task_recall"), 1.0 / 4.0);
  EXPECT_DOUBLE_EQ(Metric(r, "task_precision"), 1.0);
  ASSERT_FALSE(r.notes.empty());
  // The first six words of the gold action.
  EXPECT_EQ(r.notes.front(), "001_a#1 task missed: 1 khẩn trương rà soát các nhiệm");
  EXPECT_EQ(r.notes[1], "002_b: 0 documents, gold has 1");
}

TEST_F(evalScore, NoGoldRatesAreNan) {
  const auto r = vanban::eval::Score({}, dir_);
  EXPECT_TRUE(std::isnan(Metric(r, "files_read")));
  EXPECT_TRUE(std::isnan(Metric(r, "header_accuracy")));
  EXPECT_DOUBLE_EQ(Metric(r, "citation_f1"), 1.0);
  EXPECT_EQ(vanban::eval::FormatFixed(Metric(r, "files_read"), 3), "nan");
}

TEST(evalErrors, MalformedLineIsNamed) {
  std::stringstream ss("{\"source\": {\"path\": \"a.txt\"}}\n\n{oops\n");
  try {
    vanban::eval::ParsePredictions(ss, "pred.jsonl");
    FAIL() << "no error";
  } catch (const vanban::eval::EvalError& e) {
    EXPECT_NE(std::string(e.what()).find("pred.jsonl:3:"), std::string::npos) << e.what();
  }
  EXPECT_THROW(vanban::eval::LoadPredictions("/nonexistent/pred.jsonl"), vanban::eval::EvalError);
  EXPECT_THROW(vanban::eval::Score({}, "/nonexistent/gold"), vanban::eval::EvalError);
}

TEST(evalFloors, BelowLikeScorePy) {
  vanban::eval::Metrics m;
  m.values = {{"header_accuracy", 0.5}, {"citation_f1", 0.9}, {"score", 0.7}};
  const auto bad = vanban::eval::BelowFloors(m, {{"header_accuracy", 0.6}, {"citation_f1", 0.5}});
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(vanban::eval::FormatBelow(m, bad), "BELOW: header_accuracy=0.50<0.6 | ");
}

}  // namespace
