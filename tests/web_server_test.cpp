// `vanban serve` over HTTP: every page and its JSON, escaping of hostile text, the
// original-file link against traversal, malformed requests, and reads while another
// process writes. The archive is corpus/ plus tests/web/ (a letter citing corpus document
// 583/UBND, and one full of HTML), ingested by the real binary into a temporary folder.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "pipeline/rules.h"
#include "web/server.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class WebServerTest : public ::testing::Test {
 protected:
  static inline fs::path dir;
  static inline std::unique_ptr<web::WebServer> server;
  static inline std::thread runner;
  static inline int port = 0;

  static void SetUpTestSuite() {
    dir = fs::temp_directory_path() / ("vanban_web_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "archive");
    for (const char* name : {"citing.txt", "xss.txt"})
      fs::copy_file(fs::path(VANBAN_SOURCE_DIR) / "tests/web" / name, dir / "archive" / name);
    std::ofstream(dir / "archive" / "empty.txt").close();  // a failure for the ingest page
    std::string cmd = std::string(VANBAN_BINARY) + " ingest -q --db " + (dir / "a.db").string() +
                      " " + VANBAN_SOURCE_DIR + "/corpus/seeds " + VANBAN_SOURCE_DIR +
                      "/corpus/real " + (dir / "archive").string() +
                      " > /dev/null 2>&1";
    ASSERT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 1) << "the empty file must fail: " << cmd;
    auto rules = RuleSet::LoadEmbedded();
    ASSERT_TRUE(rules);
    web::WebOptions o;
    o.db = (dir / "a.db").string();
    o.keys = std::make_shared<const CitationKeys>(rules.value());
    o.rrules = RruleTableOf(rules.value());
    o.today = "2024-04-03";
    auto s = web::WebServer::Create(o);
    ASSERT_TRUE(s) << s.error().message;
    server = std::move(s.value());
    auto p = server->Bind("127.0.0.1", 0);
    ASSERT_TRUE(p) << p.error().message;
    port = p.value();
    runner = std::thread([] { server->Run(); });
    for (int i = 0; i < 200 && !server->running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  static void TearDownTestSuite() {
    if (server) server->Stop();
    if (runner.joinable()) runner.join();
    server.reset();
    fs::remove_all(dir);
  }

  httplib::Result Get(const std::string& path) {
    httplib::Client c("127.0.0.1", port);
    return c.Get(path);
  }
  json GetJson(const std::string& path) {
    auto r = Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, 200) << path << "\n" << r->body;
    EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos);
    return json::parse(r->body);
  }
  std::string GetHtml(const std::string& path, int status = 200) {
    auto r = Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return "";
    EXPECT_EQ(r->status, status) << path;
    EXPECT_NE(r->get_header_value("Content-Type").find("text/html"), std::string::npos) << path;
    return r->body;
  }
  // The id of the stored document with this number, found through the search page.
  std::int64_t IdOf(const std::string& number_symbol) {
    json j = GetJson("/search?format=json&q=" + httplib::detail::encode_query_param(number_symbol));
    for (const auto& r : j["results"])
      if (r["match"] == "số hiệu") return r["id"].get<std::int64_t>();
    ADD_FAILURE() << "no document " << number_symbol;
    return 0;
  }
};

TEST_F(WebServerTest, SearchFindsANumberInEveryFormAClerkTypes) {
  for (const char* q : {"583/UBND", "583/ubnd", "CV 583", "Công văn số 583/UBND"}) {
    json j = GetJson("/search?format=json&q=" + httplib::detail::encode_query_param(q));
    ASSERT_FALSE(j["results"].empty()) << q;
    const json& first = j["results"][0];
    EXPECT_EQ(first["number"], "583") << q;
    EXPECT_EQ(first["symbol"], "UBND") << q;
    EXPECT_EQ(first["match"], "số hiệu") << q;
    EXPECT_EQ(first["issuer"], "Ủy ban nhân dân huyện Sơn Tây") << q;
    EXPECT_EQ(first["date"], "2024-03-15") << q;
  }
  // A number cited but not in the archive: listed apart, with who cites it.
  json j = GetJson("/search?format=json&q=QD%202454");
  ASSERT_FALSE(j["not_in_archive"].empty());
  EXPECT_EQ(j["not_in_archive"][0]["key"], "2454/QĐ-UBND@2022");
  EXPECT_FALSE(j["not_in_archive"][0]["citing"].empty());
}

TEST_F(WebServerTest, SearchFindsWordsWithoutDiacriticsAndHighlightsThem) {
  json j = GetJson("/search?format=json&q=cai%20cach%20hanh%20chinh");
  ASSERT_FALSE(j["results"].empty());
  std::string html = GetHtml("/search?q=cai%20cach%20hanh%20chinh");
  EXPECT_NE(html.find("<mark>cải</mark> <mark>cách</mark> <mark>hành</mark> <mark>chính</mark>"),
            std::string::npos);
  EXPECT_NE(html.find("value=\"cai cach hanh chinh\""), std::string::npos);  // the box keeps it
  EXPECT_NE(html.find("<th>Cơ quan ban hành</th>"), std::string::npos);
}

TEST_F(WebServerTest, SearchFindsAnIssuer) {
  json j = GetJson("/search?format=json&q=" +
                   httplib::detail::encode_query_param("UBND huyện Sơn Tây"));
  bool found = false;
  for (const auto& r : j["results"]) {
    if (r["match"] != "cơ quan ban hành") continue;
    found = true;
    EXPECT_NE(r["issuer"].get<std::string>().find("Sơn Tây"), std::string::npos) << r;
  }
  EXPECT_TRUE(found) << j.dump(1);
}

TEST_F(WebServerTest, DocumentPageLinksWhatItCitesAndWhatCitesIt) {
  std::int64_t letter = IdOf("47/UBND"), cited = IdOf("583/UBND");
  json j = GetJson("/document/" + std::to_string(letter) + "?format=json");
  EXPECT_EQ(j["document"]["number"], "47");
  EXPECT_EQ(j["document"]["issuer"], "Ủy ban nhân dân xã Sơn Ba");
  bool cites_583 = false;
  for (const auto& c : j["cites"])
    if (c["target"]["document_id"] == cited) {
      cites_583 = true;
      EXPECT_EQ(c["relation"], "thực hiện");
    }
  EXPECT_TRUE(cites_583) << j["cites"].dump(1);
  // Its tasks with their deadlines, as the letter gives them.
  ASSERT_EQ(j["tasks"].size(), 2u);
  EXPECT_EQ(j["tasks"][0]["deadline"]["date"], "2024-04-30");
  EXPECT_EQ(j["tasks"][1]["deadline"]["date"], "2024-04-05");
  // Each highlight covers the words it stands for in the text.
  std::string text = j["text"];
  bool mention = false;
  for (const auto& h : j["highlights"]) {
    std::string part = text.substr(h["begin"].get<std::size_t>(),
                                   h["end"].get<std::size_t>() - h["begin"].get<std::size_t>());
    if (h["kind"] == "citation") {
      EXPECT_NE(part.find("583/UBND"), std::string::npos) << part;
      mention = true;
    } else {
      EXPECT_EQ(h["kind"], "task");
    }
  }
  EXPECT_TRUE(mention);
  std::string html = GetHtml("/document/" + std::to_string(letter));
  EXPECT_NE(html.find("href=\"/document/" + std::to_string(cited) + "\""), std::string::npos);
  EXPECT_NE(html.find("class=\"citation\" href=\"/document/" + std::to_string(cited)),
            std::string::npos);  // the mention in the text is a link too
  EXPECT_NE(html.find("class=\"task\""), std::string::npos);
  EXPECT_NE(html.find("30/04/2024"), std::string::npos);
  // And the cited document lists the letter among those citing it.
  json back = GetJson("/document/" + std::to_string(cited) + "?format=json");
  bool listed = false;
  for (const auto& c : back["cited_by"]) listed |= c["document"]["id"] == letter;
  EXPECT_TRUE(listed);
}

TEST_F(WebServerTest, GraphDrawsResolvedAndUnresolvedNodesApart) {
  std::int64_t cited = IdOf("583/UBND"), letter = IdOf("47/UBND");
  json j = GetJson("/document/" + std::to_string(cited) + "/graph?format=json");
  int resolved = 0, unresolved = 0;
  for (const auto& n : j["nodes"]) {
    if (n["center"] == true) continue;
    (n["resolved"] == true ? resolved : unresolved)++;
  }
  EXPECT_GE(resolved, 1);    // the letter citing it
  EXPECT_GE(unresolved, 1);  // 1313/UBND-NC and others, not in the archive
  std::string html = GetHtml("/document/" + std::to_string(cited) + "/graph");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("href=\"/document/" + std::to_string(letter) + "/graph\""), std::string::npos);
  EXPECT_NE(html.find("class=\"node unresolved\""), std::string::npos);
  EXPECT_NE(html.find("stroke-dasharray"), std::string::npos);  // dashed boxes
}

TEST_F(WebServerTest, DeadlinesAreBucketedFilteredAndExported) {
  json j = GetJson("/deadlines?format=json&assignee=" +
                   httplib::detail::encode_query_param("Tư pháp"));
  ASSERT_EQ(j["buckets"].size(), 4u);
  EXPECT_EQ(j["today"], "2024-04-03");
  auto bucket = [&](const json& page, const std::string& name) {
    for (const auto& b : page["buckets"])
      if (b["name"] == name) return b;
    return json();
  };
  ASSERT_EQ(bucket(j, "week")["tasks"].size(), 1u);  // 05/04/2024 in the week to Sunday 7/4
  EXPECT_EQ(bucket(j, "week")["tasks"][0]["deadline"]["date"], "2024-04-05");
  EXPECT_TRUE(bucket(j, "month")["tasks"].empty());
  json all = GetJson("/deadlines?format=json&issuer=" +
                     httplib::detail::encode_query_param("UBND xã Sơn Ba"));
  ASSERT_EQ(bucket(all, "month")["tasks"].size(), 1u);
  EXPECT_EQ(bucket(all, "month")["tasks"][0]["deadline"]["date"], "2024-04-30");
  for (const auto& t : bucket(all, "overdue")["tasks"])
    EXPECT_LT(t["deadline"]["date"].get<std::string>(), "2024-04-03");
  // Another day moves the task into "overdue".
  json later = GetJson("/deadlines?format=json&today=1/5/2024&issuer=" +
                       httplib::detail::encode_query_param("UBND xã Sơn Ba"));
  EXPECT_EQ(bucket(later, "overdue")["tasks"].size(), 2u);
  std::string html = GetHtml("/deadlines?issuer=" +
                             httplib::detail::encode_query_param("UBND xã Sơn Ba"));
  EXPECT_NE(html.find("href=\"/deadlines.ics?issuer="), std::string::npos);
  auto ics = Get(all["exports"]["ics"].get<std::string>());
  ASSERT_TRUE(ics);
  EXPECT_EQ(ics->status, 200);
  EXPECT_EQ(ics->body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics->body.find("DTSTART;VALUE=DATE:20240430"), std::string::npos);
  auto csv = Get(all["exports"]["csv"].get<std::string>());
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBF", 0), 0u);  // the BOM Excel needs
  EXPECT_NE(csv->body.find("Cổng dịch vụ công"), std::string::npos);
  EXPECT_EQ(csv->body.find("Sơn Tây"), std::string::npos);  // the filter applies
}

TEST_F(WebServerTest, IngestPageShowsFilesAndFailuresInPlainWords) {
  json j = GetJson("/ingest?format=json");
  EXPECT_GE(j["counts"]["documents"].get<int>(), 13);
  ASSERT_EQ(j["failures"].size(), 1u);
  EXPECT_NE(j["failures"][0]["path"].get<std::string>().find("empty.txt"), std::string::npos);
  EXPECT_EQ(j["failures"][0]["stage"], "load");
  EXPECT_EQ(j["failures"][0]["reason_vn"], "Tệp rỗng: không có nội dung nào để đọc.");
  EXPECT_FALSE(j["recent"].empty());
  EXPECT_FALSE(j["days"].empty());
  std::string html = GetHtml("/ingest");
  EXPECT_NE(html.find("Tệp rỗng"), std::string::npos);
  EXPECT_NE(html.find("đọc tệp"), std::string::npos);
}

TEST_F(WebServerTest, DocumentTextIsEscapedEverywhere) {
  std::int64_t id = IdOf("48/UBND");
  std::vector<std::string> pages = {"/document/" + std::to_string(id),
                                    "/document/" + std::to_string(id) + "/graph",
                                    "/search?q=onerror", "/search?q=%3Cscript%3E",
                                    "/search?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"};
  for (const auto& p : pages) {
    std::string html = GetHtml(p);
    EXPECT_EQ(html.find("<script"), std::string::npos) << p;
    EXPECT_EQ(html.find("<img"), std::string::npos) << p;
  }
  std::string doc = GetHtml(pages[0]);
  EXPECT_NE(doc.find("&lt;script&gt;alert(document.cookie)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(doc.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  // No page may run a script even if something slipped through.
  auto r = Get(pages[0]);
  ASSERT_TRUE(r);
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'none'"),
            std::string::npos);
  // The JSON carries the text as it is.
  json j = GetJson(pages[0] + "?format=json");
  EXPECT_NE(j["text"].get<std::string>().find("<script>alert(document.cookie)</script>"),
            std::string::npos);
}

TEST_F(WebServerTest, OriginalFileIsServedOnlyForRecordedPaths) {
  std::int64_t id = IdOf("47/UBND");
  auto r = Get("/document/" + std::to_string(id) + "/original/0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, Slurp(dir / "archive" / "citing.txt"));
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("sandbox"), std::string::npos);
  std::string passwd = Slurp("/etc/passwd");
  std::string base = "/document/" + std::to_string(id);
  for (const std::string& p : std::vector<std::string>{base + "/original/1",
                        base + "/original/-1", base + "/original/../../../../etc/passwd",
                        base + "/original/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                        base + "/original/0/../../../etc/passwd", base + "/original?path=/etc/passwd",
                        "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                        "/..%2f..%2f..%2fetc%2fpasswd", "/document/999999/original/0"}) {
    auto res = Get(p);
    ASSERT_TRUE(res) << p;
    EXPECT_GE(res->status, 400) << p;
    EXPECT_LT(res->status, 500) << p;
    if (!passwd.empty()) {
      EXPECT_EQ(res->body.find(passwd.substr(0, 20)), std::string::npos) << p;
    }
  }
}

TEST_F(WebServerTest, OriginalFileThatChangedSinceIngestIsNotServed) {
  std::int64_t id = IdOf("48/UBND");
  fs::path file = dir / "archive" / "xss.txt";
  std::string before = Slurp(file);
  {
    std::ofstream out(file, std::ios::binary | std::ios::app);
    out << "\nđã sửa sau khi nhập\n";
  }
  auto r = Get("/document/" + std::to_string(id) + "/original/0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(r->body.find("đã sửa sau khi nhập"), std::string::npos);
  std::ofstream(file, std::ios::binary) << before;
  r = Get("/document/" + std::to_string(id) + "/original/0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(WebServerTest, MalformedRequestsGet4xxAndTheServerGoesOn) {
  struct Case {
    std::string path;
    int status;
  };
  for (const Case& c : std::vector<Case>{{"/document/abc", 404},
                                         {"/document/99999999999999999999", 404},
                                         {"/document/999999999", 404},
                                         {"/document/999999999/graph", 404},
                                         {"/search?q=x&format=xml", 400},
                                         {"/deadlines?today=31/02/2024", 400},
                                         {"/deadlines?today=hom%20nay", 400},
                                         {"/search?q=" + std::string(600, 'a'), 400},
                                         {"/khong-co", 404}}) {
    auto r = Get(c.path);
    ASSERT_TRUE(r) << c.path;
    EXPECT_EQ(r->status, c.status) << c.path;
  }
  // Bytes that are not UTF-8 in a query: an answer, not a crash.
  auto r = Get("/search?q=%FF%FE%C3&format=json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NO_THROW((void)json::parse(r->body));
  // The error page of a JSON request is JSON.
  r = Get("/document/999999999?format=json");
  ASSERT_TRUE(r);
  EXPECT_EQ(json::parse(r->body)["status"], 404);
  // Other methods and garbage on the socket.
  httplib::Client c("127.0.0.1", port);
  auto post = c.Post("/search", "q=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(post);
  EXPECT_GE(post->status, 400);
  EXPECT_LT(post->status, 500);
  for (std::string raw : {std::string("GARBAGE\r\n\r\n"), std::string("GET /search HTTP/9.9\r\n\r\n"),
                          std::string("GET /" + std::string(20000, 'x') + " HTTP/1.1\r\n\r\n"),
                          std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)}) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    (void)!::write(fd, raw.data(), raw.size());
    ::shutdown(fd, SHUT_WR);
    char buf[256] = {};
    ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n > 0) {
      std::string head(buf, static_cast<std::size_t>(n));
      EXPECT_NE(head.find(" 4"), std::string::npos) << head.substr(0, 40);  // a 4xx status
    }
  }
  r = Get("/search?q=583");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(WebServerTest, AnswersConcurrentRequestsWhileAnotherProcessWrites) {
  // The writer: `vanban ingest` of 150 new letters into the same database, meanwhile.
  fs::path more = dir / "more";
  fs::create_directories(more);
  std::string letter = Slurp(fs::path(VANBAN_SOURCE_DIR) / "tests/web/citing.txt");
  for (int i = 0; i < 150; ++i) {
    std::string text = letter;
    const std::string number = "Số: 47/UBND";
    text.replace(text.find(number), number.size(), "Số: " + std::to_string(1000 + i) + "/UBND");
    std::ofstream(more / ("l" + std::to_string(i) + ".txt"), std::ios::binary) << text;
  }
  std::atomic<bool> writing{true};
  int writer_status = -1;
  std::thread writer([&] {
    std::string cmd = std::string(VANBAN_BINARY) + " ingest -q --db " + (dir / "a.db").string() +
                      " " + more.string() + " > /dev/null 2>&1";
    writer_status = std::system(cmd.c_str());
    writing = false;
  });
  std::int64_t id = IdOf("583/UBND");
  std::vector<std::string> paths = {"/search?q=cai%20cach", "/document/" + std::to_string(id),
                                    "/deadlines", "/ingest?format=json",
                                    "/document/" + std::to_string(id) + "/graph"};
  std::atomic<int> ok{0}, bad{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t)
    clients.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      for (int i = 0; i < 40 || writing; ++i) {
        auto r = c.Get(paths[(t + i) % paths.size()]);
        (r && r->status == 200 ? ok : bad)++;
        if (i > 2000) break;
      }
    });
  for (auto& c : clients) c.join();
  writer.join();
  EXPECT_EQ(WEXITSTATUS(writer_status), 0);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GE(ok.load(), 240);
  // What the writer stored is visible to the server afterwards.
  json j = GetJson("/search?format=json&q=1149/UBND");
  ASSERT_FALSE(j["results"].empty());
  EXPECT_EQ(j["results"][0]["number"], "1149");
}

}  // namespace
}  // namespace vanban
