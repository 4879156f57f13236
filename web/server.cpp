#include "web/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "pipeline/browse.h"
#include "pipeline/load.h"
#include "pipeline/store.h"
#include "pipeline/vntext.h"
#include "pipeline/task_export.h"
#include "web/html.h"
#include "web/pages.h"

namespace vanban::web {
namespace {

// No script runs on any page (none is needed); styles only from /static; nothing may
// frame the pages. Originals get a sandbox on top, so an HTML file could not act anyway.
const char* kPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";

// A 4xx or 5xx to show: the status and a sentence in Vietnamese.
struct HttpError {
  int status;
  std::string message;
};

std::string LocalToday() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Read-only Stores for the request threads: each request takes one and gives it back.
class StorePool {
 public:
  StorePool(std::string db, std::shared_ptr<const CitationKeys> keys)
      : db_(std::move(db)), keys_(std::move(keys)) {}
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
    ~Lease() { pool_.Return(std::move(store_)); }
    Store& operator*() { return *store_; }

   private:
    StorePool& pool_;
    std::unique_ptr<Store> store_;
  };
  Lease Take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        auto s = std::move(free_.back());
        free_.pop_back();
        return Lease(*this, std::move(s));
      }
    }
    auto opened = Store::Open(db_, Store::Mode::kReadOnly, keys_);
    if (!opened) throw std::runtime_error(opened.error().message);
    return Lease(*this, std::move(opened.value()));
  }

 private:
  void Return(std::unique_ptr<Store> s) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(s));
  }
  std::string db_;
  std::shared_ptr<const CitationKeys> keys_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> free_;
};

enum class Format { kHtml, kJson };

Format FormatOf(const httplib::Request& req) {
  if (!req.has_param("format")) return Format::kHtml;
  std::string f = req.get_param_value("format");
  if (f == "json") return Format::kJson;
  if (f == "html") return Format::kHtml;
  throw HttpError{400, "Định dạng không hợp lệ: chỉ có format=json hoặc format=html."};
}

std::int64_t IdOf(const httplib::Request& req, std::size_t group = 1) {
  try {
    return std::stoll(req.matches[group].str());
  } catch (const std::exception&) {
    throw HttpError{404, "Không có văn bản này."};
  }
}

void SendJson(httplib::Response& res, const json& j) {
  res.set_content(j.dump(2, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void SendPage(httplib::Response& res, Format format, const json& data,
              json (*decorate)(json), const char* page, const std::string& title) {
  if (format == Format::kJson) return SendJson(res, data);
  res.set_content(RenderPage(page, decorate ? decorate(data) : data, title),
                  "text/html; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& message, bool json_wanted) {
  res.status = status;
  if (json_wanted) {
    SendJson(res, {{"error", message}, {"status", status}});
    return;
  }
  res.set_content(RenderPage("error", {{"status", status}, {"message", message}}, "Lỗi"),
                  "text/html; charset=utf-8");
}

const char* ContentTypeOf(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".txt" || ext == ".md" || ext == ".text") return "text/plain; charset=utf-8";
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".tif" || ext == ".tiff") return "image/tiff";
  if (ext == ".docx")
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return "application/octet-stream";
}

}  // namespace

struct WebServer::Impl {
  WebOptions options;
  StorePool pool;
  httplib::Server http;
  Impl(const WebOptions& o) : options(o), pool(o.db, o.keys) {}

  std::string Today() const { return options.today.empty() ? LocalToday() : options.today; }

  // Runs a handler with the error pages around it.
  template <typename F>
  httplib::Server::Handler Guard(F f) {
    return [this, f](const httplib::Request& req, httplib::Response& res) {
      bool json_wanted = req.has_param("format") && req.get_param_value("format") == "json";
      try {
        f(req, res);
      } catch (const HttpError& e) {
        SendError(res, e.status, e.message, json_wanted);
      } catch (const std::exception& e) {
        spdlog::error("serve: {} {}: {}", req.method, req.path, e.what());
        SendError(res, 500, "Lỗi khi đọc cơ sở dữ liệu; hãy thử lại hoặc báo người quản trị.",
                  json_wanted);
      }
    };
  }

  void Routes() {
    http.set_default_headers({{"Content-Security-Policy", kPolicy},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"}});
    http.set_payload_max_length(64 * 1024);
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    http.set_keep_alive_max_count(1000);
    int threads = std::max(1, options.threads);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/search");
    });
    http.Get("/static/style.css", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(*WebFile("static/style.css"), "text/css; charset=utf-8");
      res.set_header("Cache-Control", "max-age=3600");
    });
    http.Get("/search", Guard([this](const httplib::Request& req, httplib::Response& res) {
      Format f = FormatOf(req);
      std::string q = req.get_param_value("q");
      if (q.size() > 500) throw HttpError{400, "Câu tìm kiếm quá dài (tối đa 500 ký tự)."};
      auto store = pool.Take();
      SendPage(res, f, SearchPage(*store, *options.keys, q), SearchHtml, "search", "Tìm kiếm");
    }));
    http.Get(R"(/document/(\d{1,18}))", Guard([this](const httplib::Request& req,
                                                      httplib::Response& res) {
      Format f = FormatOf(req);
      auto store = pool.Take();
      auto page = DocumentPage(*store, IdOf(req));
      if (!page) throw HttpError{404, "Không có văn bản số " + req.matches[1].str() + " trong kho."};
      std::string title = (*page)["document"]["label"].get<std::string>();
      SendPage(res, f, *page, DocumentHtml, "document", title);
    }));
    http.Get(R"(/document/(\d{1,18})/graph)", Guard([this](const httplib::Request& req,
                                                            httplib::Response& res) {
      Format f = FormatOf(req);
      auto store = pool.Take();
      auto page = GraphPage(*store, IdOf(req));
      if (!page) throw HttpError{404, "Không có văn bản số " + req.matches[1].str() + " trong kho."};
      std::string title = "Sơ đồ: " + (*page)["document"]["label"].get<std::string>();
      SendPage(res, f, *page, GraphHtml, "graph", title);
    }));
    http.Get(R"(/document/(\d{1,18})/original/(\d{1,6}))",
             Guard([this](const httplib::Request& req, httplib::Response& res) {
               ServeOriginal(req, res);
             }));
    http.Get("/deadlines", Guard([this](const httplib::Request& req, httplib::Response& res) {
      Format f = FormatOf(req);
      DeadlineFilter filter = FilterOf(req);
      auto buckets = BucketsFor(TodayOf(req));
      auto store = pool.Take();
      SendPage(res, f, DeadlinesPage(*store, filter, *buckets), DeadlinesHtml, "deadlines", "Hạn xử lý");
    }));
    http.Get(R"(/deadlines\.(ics|csv))", Guard([this](const httplib::Request& req,
                                                       httplib::Response& res) {
      DeadlineFilter filter = FilterOf(req);
      auto store = pool.Take();
      std::vector<TaskRow> rows = DeadlineExportRows(*store, filter);
      std::ostringstream out;
      if (req.matches[1] == "ics") {
        WriteIcs(out, rows, options.rrules);
        res.set_content(out.str(), "text/calendar; charset=utf-8");
        res.set_header("Content-Disposition", "attachment; filename=\"han-xu-ly.ics\"");
      } else {
        WriteCsv(out, rows);
        res.set_content(out.str(), "text/csv; charset=utf-8");
        res.set_header("Content-Disposition", "attachment; filename=\"han-xu-ly.csv\"");
      }
    }));
    http.Get("/ingest", Guard([this](const httplib::Request& req, httplib::Response& res) {
      Format f = FormatOf(req);
      auto store = pool.Take();
      SendPage(res, f, IngestPage(*store), nullptr, "ingest", "Nhập liệu");
    }));

    // Anything else: a plain 404 (or 405 for other methods), in Vietnamese.
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;  // a handler already said why
      std::string message = res.status == 404 ? "Không có trang này."
                            : res.status == 405 || res.status == 400
                                ? "Yêu cầu không hợp lệ."
                                : "Yêu cầu không được phục vụ.";
      bool json_wanted = req.has_param("format") && req.get_param_value("format") == "json";
      SendError(res, res.status, message, json_wanted);
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  std::exception_ptr) {
      res.status = 500;
      res.set_content("Lỗi máy chủ.", "text/plain; charset=utf-8");
    });
  }

  DeadlineFilter FilterOf(const httplib::Request& req) {
    DeadlineFilter f;
    f.assignee = Trim(req.get_param_value("assignee"));
    f.issuer = Trim(req.get_param_value("issuer"));
    if (f.assignee.size() > 300 || f.issuer.size() > 300)
      throw HttpError{400, "Tên quá dài (tối đa 300 ký tự)."};
    return f;
  }

  std::string TodayOf(const httplib::Request& req) {
    if (!req.has_param("today")) return Today();
    std::string iso = IsoDate(req.get_param_value("today"));
    if (iso.empty())
      throw HttpError{400, "Ngày không hợp lệ: hãy viết dạng 30/6/2024 hoặc 2024-06-30."};
    return iso;
  }

  void ServeOriginal(const httplib::Request& req, httplib::Response& res) {
    namespace fs = std::filesystem;
    std::int64_t id = IdOf(req);
    std::size_t n = std::stoul(req.matches[2].str());
    std::optional<DocumentRow> doc;
    {
      auto store = pool.Take();
      doc = (*store).GetDocument(id);
    }
    if (!doc) throw HttpError{404, "Không có văn bản số " + std::to_string(id) + " trong kho."};
    if (n >= doc->paths.size()) throw HttpError{404, "Văn bản này không có tệp gốc số " + std::to_string(n) + "."};
    const std::string& path = doc->paths[n];
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
      throw HttpError{404, "Tệp gốc không còn ở chỗ cũ: " + path};
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.eof() && in.fail()) throw HttpError{404, "Không đọc được tệp gốc: " + path};
    // Only the bytes the store recorded: a file replaced or swapped since is not served.
    if (Sha256Hex(bytes) != doc->sha256)
      throw HttpError{409, "Tệp gốc đã thay đổi từ khi nhập; hãy nhập lại: " + path};
    res.set_content(std::move(bytes), ContentTypeOf(path));
    res.headers.erase("Content-Security-Policy");  // replaces the pages' policy
    res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
    res.set_header("Content-Disposition",
                   "inline; filename*=UTF-8''" +
                       httplib::detail::encode_query_param(fs::path(path).filename().string()));
  }
};

WebServer::WebServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebServer::~WebServer() { Stop(); }

Result<std::unique_ptr<WebServer>> WebServer::Create(const WebOptions& options) {
  if (!options.keys) return StageError{"serve", "no citation rules loaded"};
  if (!options.today.empty() && !BucketsFor(options.today))
    return StageError{"serve", "today " + options.today + " is not an ISO date (2024-06-30)"};
  // Open once now so a missing or foreign file is reported before listening.
  auto probe = Store::Open(options.db, Store::Mode::kReadOnly, options.keys);
  if (!probe) return probe.error();
  auto impl = std::make_unique<Impl>(options);
  impl->Routes();
  return std::unique_ptr<WebServer>(new WebServer(std::move(impl)));
}

Result<int> WebServer::Bind(const std::string& host, int port) {
  int bound = port == 0 ? impl_->http.bind_to_any_port(host) : impl_->http.bind_to_port(host, port) ? port : -1;
  if (bound <= 0)
    return StageError{"serve", "cannot listen on " + host + ":" + std::to_string(port) +
                                   " (address in use, or not an address of this machine)"};
  return bound;
}

bool WebServer::Run() { return impl_->http.listen_after_bind(); }
void WebServer::Stop() {
  if (impl_) impl_->http.stop();
}
bool WebServer::running() const { return impl_->http.is_running(); }

}  // namespace vanban::web
