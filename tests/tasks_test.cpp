// Task extraction: each row is a body as printed in a real document (seeds, corpus/real) and
// the tasks it must yield. Bodies are given as lines; the header fields a row needs
// (recipients, date) are given with it.
#include "extractors/tasks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/normalize.h"

namespace vanban {
namespace {

const RuleSet& Rules() {
  static const RuleSet rules = RuleSet::LoadEmbedded().value();
  return rules;
}

const TaskExtractor& Extractor() {
  static const TaskExtractor tasks(Rules());
  return tasks;
}

// A document whose whole text is body: one line per entry, blank lines between.
DocumentText Body(const std::vector<std::string>& lines, std::size_t footnotes_from = 0) {
  DocumentText d;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (footnotes_from && i == footnotes_from) d.body_end = d.text.size();
    TextLine l;
    l.begin = d.text.size();
    d.text += lines[i];
    l.end = d.text.size();
    l.blank_before = i > 0;
    d.text += "\n\n";
    d.lines.push_back(l);
  }
  if (!footnotes_from) d.body_end = d.text.size();
  d.header_end_line = 0;
  d.footer_begin_line = footnotes_from ? footnotes_from : d.lines.size();
  d.footer_end_line = d.footer_begin_line;
  return d;
}

std::vector<Task> ExtractBody(const std::vector<std::string>& lines,
                              const std::vector<std::string>& recipients = {},
                              const char* date = "2024-03-15") {
  Document header;
  header.recipients = recipients;
  if (date) header.date = date;
  return Extractor().Extract(Body(lines), header, Locality{});
}

bool StartsWith(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

struct Expect {
  const char* id;  // "" for a directive sentence (no id)
  std::vector<std::string> assignees;
  const char* action_start;
  std::vector<std::string> cooperating = {};
  const char* lead = nullptr;
  const char* deadline = nullptr;  // ISO date
  const char* recurrence = nullptr;
  const char* report_to = nullptr;
};

struct TaskCase {
  const char* name;
  std::vector<std::string> lines;
  std::vector<std::string> recipients;
  std::vector<Expect> tasks;  // every task, in order
};

void PrintTo(const TaskCase& c, std::ostream* os) { *os << c.name; }

class TaskTable : public ::testing::TestWithParam<TaskCase> {};

TEST_P(TaskTable, Yields) {
  const TaskCase& c = GetParam();
  std::vector<Task> got = ExtractBody(c.lines, c.recipients);
  ASSERT_EQ(got.size(), c.tasks.size()) << c.name << (got.empty() ? "" : ": " + got[0].action);
  for (std::size_t i = 0; i < got.size(); ++i) {
    const Task& t = got[i];
    const Expect& e = c.tasks[i];
    SCOPED_TRACE(std::string(c.name) + " task " + std::to_string(i));
    EXPECT_EQ(t.id.value_or(""), e.id);
    EXPECT_EQ(t.assignees, e.assignees);
    EXPECT_TRUE(StartsWith(t.action, e.action_start)) << t.action;
    EXPECT_EQ(t.cooperating, e.cooperating);
    EXPECT_EQ(t.lead.value_or(""), e.lead ? e.lead : "");
    std::string date = t.deadline && t.deadline->date ? *t.deadline->date : "";
    EXPECT_EQ(date, e.deadline ? e.deadline : "");
    EXPECT_EQ(t.recurrence.value_or(""), e.recurrence ? e.recurrence : "");
    EXPECT_EQ(t.report_to.value_or(""), e.report_to ? e.report_to : "");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, TaskTable,
    ::testing::Values(
        TaskCase{"giao_names_the_assignee",
                 {"13. Giao Sở Nội vụ theo dõi, đôn đốc việc thực hiện nhiệm vụ của các cơ quan, "
                  "đơn vị đối với nhiệm vụ được giao tại văn bản này; báo cáo kết quả thực hiện "
                  "với Chủ tịch UBND tỉnh."},
                 {},
                 {{"13",
                   {"Sở Nội vụ"},
                   "theo dõi, đôn đốc việc thực hiện",
                   {},
                   nullptr,
                   nullptr,
                   nullptr,
                   "Chủ tịch UBND tỉnh"}}},
        TaskCase{"apposition_is_not_part_of_the_name",
                 {"6. Giao Sở Nội vụ - cơ quan Thường trực Ban Chỉ đạo CCHC tỉnh kịp thời đôn đốc "
                  "các thành viên Ban Chỉ đạo; định kỳ tổng hợp, báo cáo kết quả về Ban Chỉ đạo "
                  "theo quy định."},
                 {},
                 {{"6",
                   {"Sở Nội vụ"},
                   "kịp thời đôn đốc",
                   {},
                   nullptr,
                   nullptr,
                   "định kỳ",
                   "Ban Chỉ đạo"}}},
        TaskCase{"subject_cooperates_with_a_compound_name",
                 {"b) Phòng Nội vụ phối hợp với Văn phòng HĐND và UBND huyện tham mưu UBND huyện "
                  "tăng cường công tác kiểm tra hoạt động công vụ."},
                 {},
                 {{"b",
                   {"Phòng Nội vụ"},
                   "tham mưu UBND huyện tăng cường",
                   {"Văn phòng HĐND và UBND huyện"}}}},
        TaskCase{"inline_heading_shares_its_level",
                 {"10. Đối với UBND cấp huyện, cấp xã: Chỉ đạo, tăng cường hoạt động của Tổ công "
                  "nghệ số cộng đồng ở các thôn, khu phố."},
                 {},
                 {{"10", {"UBND cấp huyện", "UBND cấp xã"}, "Chỉ đạo, tăng cường hoạt động"}}},
        TaskCase{"subject_list_then_modal",
                 {"1. Đối với các chi, đảng bộ trực thuộc Huyện ủy:",
                  "- Tiếp tục triển khai, quán triệt đến toàn thể đảng viên nội dung nhiệm vụ.",
                  "- Các chi, đảng bộ, các cơ quan, đơn vị, địa phương cần xác định cải cách hành "
                  "chính, chuyển đổi số là nhiệm vụ trọng tâm."},
                 {},
                 {{"1.-1", {"Các chi, đảng bộ trực thuộc Huyện ủy"}, "Tiếp tục triển khai"},
                  {"1.-2",
                   {"Các chi, đảng bộ", "Các cơ quan, đơn vị, địa phương"},
                   "xác định cải cách hành chính"}}},
        TaskCase{"heading_gives_assignee_bullet_names_cooperating",
                 {"5.1. Đối với Ban Tuyên giáo Huyện ủy",
                  "- Phối hợp UBND huyện, các cơ quan, đơn vị liên quan khẩn trương hướng dẫn tổ "
                  "chức quán triệt, tuyên truyền Nghị quyết.",
                  "- Tham mưu Ban Thường vụ Huyện ủy tiếp tục chỉ đạo đẩy mạnh công tác tuyên "
                  "truyền."},
                 {},
                 {{"5.1.-1",
                   {"Ban Tuyên giáo Huyện ủy"},
                   "khẩn trương hướng dẫn",
                   {"UBND huyện", "Các cơ quan, đơn vị liên quan"}},
                  {"5.1.-2", {"Ban Tuyên giáo Huyện ủy"}, "Tham mưu Ban Thường vụ"}}},
        TaskCase{"lead_from_heading",
                 {"5.2. Đối với Văn phòng Huyện ủy",
                  "Chủ trì phối hợp các cơ quan, đơn vị liên quan theo dõi, đôn đốc, tổng hợp các "
                  "nhiệm vụ, kịp thời báo cáo Ban Thường vụ Huyện ủy theo dõi, chỉ đạo."},
                 {},
                 {{"5.2",
                   {"Văn phòng Huyện ủy"},
                   "theo dõi, đôn đốc, tổng hợp",
                   {"Các cơ quan, đơn vị liên quan"},
                   "Văn phòng Huyện ủy",
                   nullptr,
                   nullptr,
                   "Ban Thường vụ Huyện ủy"}}},
        TaskCase{"addressing_sentence_gives_assignees",
                 {"Để kịp thời khắc phục những tồn tại, hạn chế nêu trên, UBND tỉnh yêu cầu Thủ "
                  "trưởng các cơ quan chuyên môn thuộc UBND tỉnh, Ban Quản lý khu kinh tế tỉnh; "
                  "Chủ tịch UBND các huyện, thị xã, thành phố khẩn trương triển khai một số nội "
                  "dung sau:",
                  "1. Nâng cao trách nhiệm người đứng đầu cấp ủy, cơ quan, đơn vị.",
                  "2. Đẩy nhanh tiến độ giải ngân vốn đầu tư công."},
                 {"Các cơ quan chuyên môn thuộc UBND tỉnh"},
                 {{"1",
                   {"Thủ trưởng các cơ quan chuyên môn thuộc UBND tỉnh",
                    "Ban Quản lý khu kinh tế tỉnh", "Chủ tịch UBND các huyện, thị xã, thành phố"},
                   "Nâng cao trách nhiệm"},
                  {"2",
                   {"Thủ trưởng các cơ quan chuyên môn thuộc UBND tỉnh",
                    "Ban Quản lý khu kinh tế tỉnh", "Chủ tịch UBND các huyện, thị xã, thành phố"},
                   "Đẩy nhanh tiến độ"}}},
        TaskCase{"recipients_when_nobody_is_named",
                 {"Chủ tịch UBND huyện có ý kiến như sau:", "1. Thực hiện nhiệm vụ CCHC năm 2024",
                  "- Chủ động ban hành kế hoạch cải cách hành chính; định kỳ báo cáo kết quả thực "
                  "hiện về UBND huyện (qua Phòng Nội vụ) bảo đảm thời gian quy định."},
                 {"Công an huyện", "Ủy ban nhân dân các xã"},
                 {{"1.-1",
                   {"Công an huyện", "Ủy ban nhân dân các xã"},
                   "Chủ động ban hành",
                   {},
                   nullptr,
                   nullptr,
                   "định kỳ",
                   "UBND huyện (qua Phòng Nội vụ)"}}},
        TaskCase{"numbering_that_skips",
                 {"10. Tăng cường hoạt động của Tổ công nghệ số cộng đồng.",
                  "12. Giao Sở Tài chính tham mưu, giải quyết kiến nghị về mua sắm tập trung."},
                 {"UBND các huyện"},
                 {{"10", {"UBND các huyện"}, "Tăng cường hoạt động"},
                  {"12", {"Sở Tài chính"}, "tham mưu, giải quyết kiến nghị"}}},
        TaskCase{"heading_with_only_sub_items_is_context",
                 {"3. Tăng cường trách nhiệm người đứng đầu cơ quan hành chính nhà nước",
                  "Để thực hiện nhiệm vụ CCHC đạt kết quả, yêu cầu Thủ trưởng các cơ quan, đơn "
                  "vị, địa phương:",
                  "a) Nâng cao vai trò, trách nhiệm trong tổ chức thực hiện nhiệm vụ CCHC.",
                  "c) Tiếp tục thực hiện có hiệu quả Công văn số 2139/UBND-NC ngày 15/5/2023."},
                 {"Công an huyện"},
                 {{"3.a", {"Thủ trưởng các cơ quan, đơn vị, địa phương"}, "Nâng cao vai trò"},
                  {"3.c", {"Thủ trưởng các cơ quan, đơn vị, địa phương"}, "Tiếp tục thực hiện"}}},
        TaskCase{"closing_formula_is_not_a_task",
                 {"Yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện./."},
                 {},
                 {}},
        TaskCase{"directive_sentence_with_deadline_and_recipients_spelling",
                 {"Đề nghị Trưởng các ban ngành, hội đoàn thể và cán bộ, công chức xã phối hợp "
                  "thực hiện, gửi dự thảo về UBND xã (qua Văn phòng - Thống kê) chậm nhất ngày "
                  "09/8/2023./."},
                 {"Trưởng các ban ngành, Hội đoàn thể xã", "Cán bộ, công chức xã"},
                 {{"",
                   {"Trưởng các ban ngành, Hội đoàn thể xã", "Cán bộ, công chức xã"},
                   "phối hợp thực hiện, gửi dự thảo",
                   {},
                   nullptr,
                   "2023-08-09",
                   nullptr,
                   "UBND xã (qua Văn phòng - Thống kê)"}}},
        TaskCase{"schedule_written_as_a_list",
                 {"1.2. Thời hạn gửi báo cáo: Báo cáo CCHC định kỳ gửi về UBND xã (qua Văn phòng "
                  "- Thống kê) theo thời hạn sau:",
                  "- Quý I năm 2024: Chậm nhất ngày 10/3/2024.",
                  "- 6 tháng đầu năm 2024: Chậm nhất ngày 10/6/2024."},
                 {"Các ban, ngành"},
                 {{"1.2.-1",
                   {"Các ban, ngành"},
                   "Quý I năm 2024",
                   {},
                   nullptr,
                   "2024-03-10",
                   nullptr,
                   "UBND xã (qua Văn phòng - Thống kê)"},
                  {"1.2.-2",
                   {"Các ban, ngành"},
                   "6 tháng đầu năm 2024",
                   {},
                   nullptr,
                   "2024-06-10",
                   nullptr,
                   "UBND xã (qua Văn phòng - Thống kê)"}}},
        TaskCase{
            "descriptive_section_yields_nothing",
            {"1. Đánh giá chung",
             "Công tác CCHC được UBND xã xác định là nội dung quan trọng, thường xuyên.",
             "2. Kết quả đạt được", "- Tiếp nhận hồ sơ trực tuyến 162 hồ sơ/376 hồ sơ, đạt 43,1%."},
            {"Các ban, ngành"},
            {}},
        TaskCase{"account_of_what_was_done",
                 {"1. Công tác chỉ đạo, điều hành",
                  "- UBND huyện đã ban hành 15 văn bản chỉ đạo về cải cách hành chính.",
                  "- Đã tổ chức 02 hội nghị tập huấn cho công chức cấp xã."},
                 {"Các phòng, ban"},
                 {}},
        TaskCase{"plan_purpose_section_then_duties",
                 {"I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao nhận thức của cán bộ, công chức.",
                  "II. TỔ CHỨC THỰC HIỆN",
                  "1. Phòng Nội vụ: Chủ trì, phối hợp với các cơ quan, đơn vị liên quan theo "
                  "dõi, đôn đốc việc thực hiện Kế hoạch này; báo cáo kết quả về UBND huyện trước "
                  "ngày 15/12."},
                 {},
                 {{"II.1",
                   {"Phòng Nội vụ"},
                   "theo dõi, đôn đốc",
                   {"Các cơ quan, đơn vị liên quan"},
                   "Phòng Nội vụ",
                   "2024-12-15",
                   nullptr,
                   "UBND huyện"}}},
        TaskCase{"title_naming_a_body_over_its_order",
                 {"2. Hội đồng nhân dân huyện",
                  "Khẩn trương thể chế hóa thực hiện Chương trình hành động này."},
                 {},
                 {{"2", {"Hội đồng nhân dân huyện"}, "Khẩn trương thể chế hóa"}}},
        TaskCase{"leading_clause_then_subject",
                 {"2. Căn cứ kết quả công bố về Chỉ số cải cách hành chính năm 2022, các cơ quan, "
                  "đơn vị, địa phương tổ chức quán triệt, nghiêm túc rút kinh nghiệm."},
                 {"UBND các huyện"},
                 {{"2", {"Các cơ quan, đơn vị, địa phương"}, "tổ chức quán triệt"}}},
        TaskCase{"directive_in_a_title_paragraph_names_bodies",
                 {"2. Khắc phục những hạn chế qua kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm "
                  "2023",
                  "Từ những hạn chế đã được chỉ ra, yêu cầu các phòng, ban, ngành, UBND các xã "
                  "theo chức năng, nhiệm vụ được phân công khẩn trương chỉ đạo và tổ chức thực "
                  "hiện khắc phục trong quý I năm 2024."},
                 {"Công an huyện"},
                 {{"2",
                   {"Các phòng, ban, ngành", "UBND các xã"},
                   "khẩn trương chỉ đạo",
                   {},
                   nullptr,
                   "2024-03-31"}}},
        // Normative documents: only the implementing articles hold tasks.
        TaskCase{"implementing_article_lead_and_cooperating",
                 {"Điều 13. Phạm vi điều chỉnh",
                  "1. Bộ Xây dựng có trách nhiệm hướng dẫn việc quản lý nhà ở công vụ.",
                  "Điều 14. Trách nhiệm thi hành",
                  "1. Bộ trưởng Bộ Công an chủ trì, phối hợp Bộ trưởng Bộ Quốc phòng hướng dẫn, "
                  "kiểm tra, đôn đốc, tổ chức thực hiện Quyết định này.",
                  "2. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ chịu "
                  "trách nhiệm thi hành Quyết định này."},
                 {},
                 {{"14.1",
                   {"Bộ trưởng Bộ Công an"},
                   "hướng dẫn, kiểm tra, đôn đốc",
                   {"Bộ trưởng Bộ Quốc phòng"},
                   "Bộ trưởng Bộ Công an"},
                  {"14.2",
                   {"Các Bộ trưởng", "Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ"},
                   "chịu trách nhiệm thi hành"}}},
        TaskCase{"effect_clause_is_not_a_task",
                 {"Điều 6. Điều khoản thi hành",
                  "1. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.",
                  "2. Bộ trưởng Bộ Xây dựng, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực "
                  "thuộc trung ương, Thủ trưởng các cơ quan, tổ chức có liên quan và cán bộ, công "
                  "chức, viên chức thuê nhà ở công vụ chịu trách nhiệm thi hành Quyết định này."},
                 {},
                 {{"6.2",
                   {"Bộ trưởng Bộ Xây dựng",
                    "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
                    "Thủ trưởng các cơ quan, tổ chức có liên quan",
                    "Cán bộ, công chức, viên chức thuê nhà ở công vụ"},
                   "chịu trách nhiệm thi hành"}}},
        TaskCase{
            "responsibility_heading_over_points",
            {"Điều 5. Tổ chức thực hiện",
             "2. Trách nhiệm của Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
             "a) Bố trí vốn từ ngân sách địa phương để đầu tư xây dựng nhà ở công vụ;",
             "b) Chỉ đạo việc phát triển, quản lý nhà ở công vụ trên địa bàn."},
            {},
            {{"5.2.a", {"Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"}, "Bố trí vốn"},
             {"5.2.b",
              {"Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"},
              "Chỉ đạo việc phát triển"}}},
        TaskCase{"conditional_request_reports_upward",
                 {"Điều 15. Trách nhiệm thi hành",
                  "2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các cơ quan, "
                  "tổ chức, đơn vị, cá nhân phản ánh kịp thời về Thanh tra Chính phủ để nghiên "
                  "cứu, sửa đổi, bổ sung cho phù hợp./."},
                 {},
                 {{"15.2",
                   {"Các cơ quan, tổ chức, đơn vị, cá nhân"},
                   "phản ánh kịp thời",
                   {},
                   nullptr,
                   nullptr,
                   nullptr,
                   "Thanh tra Chính phủ"}}},
        TaskCase{"transitional_provision_without_a_body",
                 {"Điều 14. Quy định chuyển tiếp",
                  "1. Sau khi Thông tư này có hiệu lực thi hành, các cơ quan có thẩm quyền rà "
                  "soát, cấp đổi lại toàn bộ Thẻ thanh tra.",
                  "2. Thẻ thanh tra cấp theo quy định tại Thông tư số 05/2024/TT-TTCP tiếp tục "
                  "được quản lý, sử dụng."},
                 {},
                 {{"14.1", {"Các cơ quan có thẩm quyền"}, "rà soát, cấp đổi lại"}}},
        // Outside the implementing articles, a provision that fixes a date for someone to act
        // is a task; a date in the past is history, and undated provisions stay descriptive.
        TaskCase{"dated_provisions_outside_implementing_articles",
                 {"Điều 3. Điều chỉnh cơ cấu người ứng cử",
                  "1. Căn cứ vào kết quả hội nghị, chậm nhất là ngày 15 tháng 12 năm 2025, Ủy "
                  "ban Thường vụ Quốc hội tiến hành điều chỉnh cơ cấu, thành phần người ứng cử.",
                  "2. Việc điều chỉnh được thực hiện theo quy định của Luật.",
                  "Điều 4. Hội nghị hiệp thương",
                  "Hội nghị hiệp thương được tổ chức từ ngày 01 tháng 12 năm 2025 đến ngày 10 "
                  "tháng 12 năm 2025 do Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam cấp tỉnh "
                  "triệu tập, chủ trì.",
                  "Điều 5. Đối tượng áp dụng",
                  "1. Người hoạt động cách mạng trước ngày 01/01/1945 được hưởng chế độ này."},
                 {},
                 {{"3.1",
                   {"Ủy ban Thường vụ Quốc hội"},
                   "tiến hành điều chỉnh",
                   {},
                   nullptr,
                   "2025-12-15"},
                  {"4",
                   {"Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam cấp tỉnh"},
                   "Hội nghị hiệp thương được tổ chức",
                   {},
                   nullptr,
                   "2025-12-10"}}},
        // A dated step that names nobody is done by the bodies that convene in the other
        // clauses of its article; "do X ban hành" describes, it charges no one.
        TaskCase{"dated_step_takes_the_convenors_of_its_article",
                 {"Điều 17. Tổ chức hội nghị hiệp thương lần thứ hai",
                  "1. Hội nghị hiệp thương lần thứ hai được tổ chức từ ngày 02 tháng 02 năm 2026 "
                  "đến ngày 03 tháng 02 năm 2026.",
                  "2. Hội nghị ở trung ương do Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc "
                  "Việt Nam triệu tập, chủ trì.",
                  "3. Biểu mẫu do Bộ Nội vụ ban hành được sử dụng tại hội nghị."},
                 {},
                 {{"17.1",
                   {"Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"},
                   "Hội nghị hiệp thương lần thứ hai",
                   {},
                   nullptr,
                   "2026-02-03"}}},
        // "Việc … của <bodies> được tiến hành …": the bodies after "của" act; "của cơ quan"
        // without a plural or capital owns a thing and charges no one.
        TaskCase{"nominalised_passive_names_its_agent_after_cua",
                 {"Điều 7. Đề cử người tham gia hội đồng",
                  "1. Việc đề cử thành viên hội đồng của các sở, ban, ngành được tiến hành từ "
                  "ngày 02 tháng 3 năm 2026 đến ngày 20 tháng 3 năm 2026.",
                  "2. Việc nộp hồ sơ của cơ quan đề cử được thực hiện chậm nhất là ngày 25 "
                  "tháng 3 năm 2026."},
                 {},
                 {{"7.1", {"Các sở, ban, ngành"}, "Việc đề cử thành viên", {}, nullptr,
                   "2026-03-20"},
                  {"7.2", {}, "Việc nộp hồ sơ", {}, nullptr, "2026-03-25"}}},
        // Schools and training or health establishments act in decrees, in lower case and
        // after a fronted time limit.
        TaskCase{"establishments_are_bodies",
                 {"Điều 8. Lập dự toán",
                  "a) Trước ngày 10 tháng 7 hằng năm, cơ sở giáo dục công lập gửi báo cáo nhu "
                  "cầu kinh phí về Phòng Giáo dục."},
                 {},
                 {{"8.a", {"Cơ sở giáo dục công lập"}, "gửi báo cáo nhu cầu", {}, nullptr, nullptr,
                   "hàng năm", "Phòng Giáo dục"}}},
        // Deputies act on their own: "đại biểu" after "và" starts another assignee.
        TaskCase{"deputies_after_va_are_an_assignee_of_their_own",
                 {"Điều 3. Tổ chức thực hiện",
                  "2. Đề nghị Đoàn đại biểu Quốc hội và đại biểu Quốc hội tổ chức tiếp xúc cử "
                  "tri."},
                 {},
                 {{"3.2", {"Đoàn đại biểu Quốc hội", "Đại biểu Quốc hội"}, "tổ chức tiếp xúc"}}},
        // A standing body over a list is one assignee; a capital after the comma is another.
        TaskCase{"standing_body_over_a_list_is_one_assignee",
                 {"Điều 4. Tổ chức thực hiện",
                  "1. Thường trực Hội đồng nhân dân cấp huyện, cấp xã rà soát danh sách.",
                  "2. Thường trực Huyện ủy, Ủy ban nhân dân huyện chỉ đạo kiểm tra."},
                 {},
                 {{"4.1", {"Thường trực Hội đồng nhân dân cấp huyện, cấp xã"}, "rà soát"},
                  {"4.2", {"Thường trực Huyện ủy", "Ủy ban nhân dân huyện"}, "chỉ đạo"}}},
        // "và" inside an organisation's name joins two fields; before another head it
        // joins two bodies.
        TaskCase{"va_inside_an_organisations_name",
                 {"Điều 5. Tổ chức thực hiện",
                  "1. Cục Đo đạc và Bản đồ Việt Nam chủ trì rà soát danh mục dữ liệu.",
                  "2. Cục Đo đạc và Sở Xây dựng rà soát danh mục công trình."},
                 {},
                 {{"5.1", {"Cục Đo đạc và Bản đồ Việt Nam"}, "rà soát danh mục dữ liệu", {},
                   "Cục Đo đạc và Bản đồ Việt Nam"},
                  {"5.2", {"Cục Đo đạc", "Sở Xây dựng"}, "rà soát danh mục"}}},
        // A dated step that names nobody falls to the actor its article defines by a term;
        // the defining clause itself is no task.
        TaskCase{"dated_steps_fall_to_the_defined_actor_term",
                 {"Điều 9. Chế độ thống kê",
                  "1. Đối tượng thực hiện thống kê được nêu tại Phụ lục kèm theo Thông tư này.",
                  "2. Thời hạn gửi số liệu:",
                  "a) Số liệu quý: Trước ngày 20 tháng 3 năm 2026;",
                  "b) Số liệu năm: Trước ngày 31 tháng 12 năm 2026."},
                 {},
                 {{"9.2.a", {"Đối tượng thực hiện thống kê"}, "Số liệu quý", {}, nullptr,
                   "2026-03-20"},
                  {"9.2.b", {"Đối tượng thực hiện thống kê"}, "Số liệu năm", {}, nullptr,
                   "2026-12-31"}}},
        // Unnumbered paragraphs of a clause that address other bodies are orders of their
        // own, under the clause's id; a paragraph that only goes on describing is not.
        TaskCase{"paragraphs_addressed_to_other_bodies",
                 {"Điều 2. Tổ chức thực hiện",
                  "1. Chính phủ, các bộ tiếp tục chỉ đạo việc xây dựng pháp luật.",
                  "Đề nghị Chính phủ đôn đốc, kiểm tra cơ quan chủ trì soạn thảo.",
                  "Cơ quan được giao chủ trì soạn thảo tổ chức tốt việc soạn thảo dự án luật.",
                  "Việc soạn thảo phải bảo đảm chất lượng và tiến độ."},
                 {},
                 {{"2.1", {"Chính phủ", "Các bộ"}, "tiếp tục chỉ đạo"},
                  {"2.1", {"Chính phủ"}, "đôn đốc, kiểm tra"},
                  {"2.1", {"Cơ quan được giao chủ trì soạn thảo"}, "tổ chức tốt"}}},
        // After an opening clause: a lower-case body continuing another body's list is no
        // subject; "chủ trì" after a comma means the heading's body acts.
        TaskCase{"opening_clause_lists_and_lead_verbs",
                 {"Điều 3. Tổ chức thực hiện",
                  "2. Bộ Tài chính:",
                  "a) Trong quá trình thực hiện, nếu có vướng mắc, chủ trì, phối hợp với các bộ, "
                  "cơ quan liên quan và các địa phương nghiên cứu, đề xuất sửa đổi Quyết định.",
                  "3. Ủy ban nhân dân các tỉnh:",
                  "a) Căn cứ hướng dẫn của các bộ, cơ quan trung ương liên quan, ban hành kế "
                  "hoạch thực hiện tại địa phương."},
                 {},
                 {{"3.2.a",
                   {"Bộ Tài chính"},
                   "nghiên cứu, đề xuất",
                   {"Các bộ, cơ quan liên quan", "Các địa phương"},
                   "Bộ Tài chính"},
                  {"3.3.a", {"Ủy ban nhân dân các tỉnh"}, "Căn cứ hướng dẫn"}}},
        // "X có trách nhiệm:" names X even when X holds a verb, and a lead-in paragraph under
        // an article names who its dated clauses are for.
        TaskCase{"responsibility_lead_in_with_a_verb_in_the_name",
                 {"Điều 13. Trách nhiệm thi hành",
                  "3. Cơ quan, tổ chức thực hiện chế độ báo cáo có trách nhiệm:",
                  "a) Thực hiện đầy đủ, đúng thời hạn các chế độ báo cáo;",
                  "b) Phân công công chức có năng lực thực hiện công tác báo cáo."},
                 {},
                 {{"13.3.a", {"Cơ quan, tổ chức thực hiện chế độ báo cáo"}, "Thực hiện đầy đủ"},
                  {"13.3.b",
                   {"Cơ quan, tổ chức thực hiện chế độ báo cáo"},
                   "Phân công công chức"}}},
        TaskCase{"lead_in_paragraph_over_dated_clauses",
                 {"Điều 6. Cập nhật, chia sẻ dữ liệu",
                  "Các cơ quan chủ quản cơ sở dữ liệu có trách nhiệm:",
                  "1. Tổ chức cập nhật kịp thời thông tin trong cơ sở dữ liệu.",
                  "2. Hoàn thành việc rà soát, khắc phục sai sót của dữ liệu trước ngày 01 tháng "
                  "01 năm 2026."},
                 {},
                 {{"6.2",
                   {"Các cơ quan chủ quản cơ sở dữ liệu"},
                   "Hoàn thành việc rà soát",
                   {},
                   nullptr,
                   "2026-01-01"}}}),
    [](const ::testing::TestParamInfo<TaskCase>& info) { return std::string(info.param.name); });

TEST(TaskExtractor, FootnotesNeverYieldTasks) {
  DocumentText d = Body({"1. Giao Sở Tài chính tham mưu giải quyết kiến nghị.",
                         "- Giao Sở Nội vụ theo dõi việc thực hiện."},
                        /*footnotes_from=*/1);
  Document header;
  std::vector<Task> got = Extractor().Extract(d, header, Locality{});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].assignees, std::vector<std::string>{"Sở Tài chính"});
}

TEST(TaskExtractor, SpanCoversTheItem) {
  DocumentText d = Body({"2. Hội đồng nhân dân huyện", "Khẩn trương thể chế hóa Chương trình."});
  std::vector<Task> got = Extractor().Extract(d, Document{}, Locality{});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].span.begin, d.lines[0].begin);
  EXPECT_EQ(got[0].span.end, d.lines[1].end);
}

// Markdown marks are layout: the normaliser strips them before any extractor reads a line.
std::vector<std::string> NormalizedMarkdown(const std::vector<std::string>& lines) {
  std::string joined;
  for (const auto& l : lines) joined += l + "\n";
  std::string text = vanban::Normalize(joined, /*markdown=*/true).text;
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p < text.size()) {
    std::size_t e = text.find('\n', p);
    if (e == std::string::npos) e = text.size();
    if (e > p) out.push_back(text.substr(p, e - p));
    p = e + 1;
  }
  return out;
}

TEST(TaskExtractor, MarkdownEmphasisIsLayout) {
  std::vector<Task> got =
      ExtractBody(NormalizedMarkdown({"### **3.2. Giao Văn phòng - Thống kê xã**",
                                      "- Theo dõi, kiểm tra, đôn đốc việc triển khai các nhiệm vụ.",
                                      "- Gửi kế hoạch về Văn phòng Huyện ủy để tổng hợp (*hoàn "
                                      "thành trước ngày 30/8*)."}),
                  {}, "2023-08");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id.value_or(""), "3.2.-1");
  EXPECT_EQ(got[0].assignees, std::vector<std::string>{"Văn phòng - Thống kê xã"});
  ASSERT_TRUE(got[1].deadline.has_value());
  EXPECT_EQ(got[1].deadline->date.value_or(""), "2023-08-30");
  EXPECT_EQ(got[1].report_to.value_or(""), "Văn phòng Huyện ủy");
}

TEST(CanonicalAssignee, OneNodePerBody) {
  BodyNames names(Rules());
  Locality where;
  where.province = "Quảng Ngãi";
  where.district = "Sơn Tây";
  where.district_level = "huyện";
  EXPECT_EQ(CanonicalAssignee(names, "UBND huyện", where), "Ủy ban nhân dân huyện Sơn Tây");
  EXPECT_EQ(
      CanonicalAssignee(names, "Sở Nội vụ - cơ quan Thường trực Ban Chỉ đạo CCHC tỉnh", where),
      CanonicalAssignee(names, "Sở Nội vụ", where));
}

}  // namespace
}  // namespace vanban
