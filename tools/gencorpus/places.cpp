// Data tables for places.h: real province, district and commune names of Viet Nam (the
// 63 provinces before the 2025 merger; rural districts ("huyện", not the towns and cities
// of district rank) and communes, mostly of the central provinces the seeds come from).
//
//   auto communes = vanban::gencorpus::Places(vanban::gencorpus::PlaceClass::kCommune);
#include "tools/gencorpus/places.h"

#include <array>

namespace vanban::gencorpus {
namespace {

// clang-format off
// Provinces only (the five centrally-run cities are "thành phố", not "tỉnh").
constexpr std::string_view kProvinces[] = {
    "An Giang", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương",
    "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
};

constexpr std::string_view kDistricts[] = {
    // Quảng Ngãi
    "Ba Tơ", "Sơn Tây", "Sơn Hà", "Minh Long", "Nghĩa Hành", "Mộ Đức", "Bình Sơn", "Trà Bồng",
    "Tư Nghĩa", "Lý Sơn", "Sơn Tịnh",
    // Quảng Trị
    "Hướng Hóa", "Gio Linh", "Vĩnh Linh", "Cam Lộ", "Triệu Phong", "Hải Lăng", "Đakrông",
    // Hà Tĩnh
    "Cẩm Xuyên", "Kỳ Anh", "Hương Khê", "Hương Sơn", "Đức Thọ", "Can Lộc", "Thạch Hà", "Nghi Xuân",
    "Lộc Hà", "Vũ Quang",
    // Nghệ An
    "Quỳnh Lưu", "Diễn Châu", "Yên Thành", "Đô Lương", "Thanh Chương", "Nam Đàn", "Hưng Nguyên",
    "Nghi Lộc", "Anh Sơn", "Con Cuông", "Tương Dương", "Quế Phong", "Quỳ Châu", "Quỳ Hợp",
    "Nghĩa Đàn", "Tân Kỳ",
    // Quảng Bình
    "Bố Trạch", "Lệ Thủy", "Minh Hóa", "Tuyên Hóa", "Quảng Trạch",
    // Quảng Nam
    "Thăng Bình", "Quế Sơn", "Duy Xuyên", "Đại Lộc", "Núi Thành", "Phú Ninh", "Tiên Phước",
    "Hiệp Đức", "Nông Sơn", "Phước Sơn", "Bắc Trà My", "Nam Trà My", "Tây Giang", "Đông Giang",
    "Nam Giang",
    // Bình Định, Phú Yên, Khánh Hòa
    "Phù Mỹ", "Phù Cát", "Tây Sơn", "Vĩnh Thạnh", "Vân Canh", "Tuy Phước", "An Lão", "Hoài Ân",
    "Đồng Xuân", "Tuy An", "Sơn Hòa", "Sông Hinh", "Tây Hòa", "Phú Hòa", "Đông Hòa", "Diên Khánh",
    "Cam Lâm", "Khánh Vĩnh", "Khánh Sơn", "Vạn Ninh",
    // Thanh Hóa
    "Hoằng Hóa", "Hậu Lộc", "Nga Sơn", "Quảng Xương", "Nông Cống", "Triệu Sơn", "Thọ Xuân",
    "Yên Định", "Vĩnh Lộc", "Thạch Thành", "Cẩm Thủy", "Ngọc Lặc", "Lang Chánh", "Bá Thước",
    "Quan Hóa", "Mường Lát", "Thường Xuân", "Như Xuân", "Như Thanh", "Đông Sơn", "Thiệu Hóa",
    "Hà Trung",
    // elsewhere
    "Mai Châu", "Lạc Sơn", "Tam Đảo", "Lập Thạch", "Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì",
    "Thủy Nguyên", "Cát Hải", "Đức Trọng", "Di Linh", "Lâm Hà",
};

constexpr std::string_view kCommunes[] = {
    // Ba Tơ
    "Ba Tiêu", "Ba Bích", "Ba Thành", "Ba Động", "Ba Dinh", "Ba Điền", "Ba Nam", "Ba Trang",
    "Ba Xa", "Ba Ngạc", "Ba Lế", "Ba Khâm", "Ba Vinh", "Ba Tô", "Ba Giang", "Ba Cung", "Ba Liên",
    // Sơn Tây, Sơn Hà
    "Sơn Dung", "Sơn Long", "Sơn Mùa", "Sơn Tân", "Sơn Màu", "Sơn Tinh", "Sơn Bua", "Sơn Liên",
    "Sơn Lập", "Sơn Hạ", "Sơn Thành", "Sơn Nham", "Sơn Cao", "Sơn Linh", "Sơn Giang", "Sơn Trung",
    "Sơn Thượng", "Sơn Bao", "Sơn Kỳ", "Sơn Ba",
    // Tư Nghĩa
    "Nghĩa Kỳ", "Nghĩa Thuận", "Nghĩa Điền", "Nghĩa Thắng", "Nghĩa Trung", "Nghĩa Sơn", "Nghĩa Lâm",
    "Nghĩa Thọ", "Nghĩa Hiệp", "Nghĩa Mỹ", "Nghĩa Phương",
    // Mộ Đức, Đức Phổ
    "Đức Lân", "Đức Chánh", "Đức Minh", "Đức Phong", "Đức Hòa", "Đức Tân", "Đức Nhuận", "Đức Thạnh",
    "Đức Hiệp", "Đức Phú", "Phổ Phong", "Phổ Cường", "Phổ Khánh", "Phổ Thạnh", "Phổ An",
    "Phổ Quang", "Phổ Nhơn", "Phổ Châu",
    // Nghĩa Hành
    "Hành Thiện", "Hành Thuận", "Hành Dũng", "Hành Minh", "Hành Đức", "Hành Phước", "Hành Thịnh",
    "Hành Tín Đông", "Hành Tín Tây",
    // Bình Sơn, Sơn Tịnh
    "Bình Hải", "Bình Châu", "Bình Thạnh", "Bình Đông", "Bình Trị", "Bình Hiệp", "Bình Long",
    "Tịnh Bình", "Tịnh Đông", "Tịnh Giang", "Tịnh Hiệp", "Tịnh Thọ", "Tịnh Trà", "Tịnh Hà",
    "Tịnh Sơn",
    // Quảng Ngãi city
    "Nghĩa Chánh", "Nghĩa Lộ", "Trần Phú", "Lê Hồng Phong", "Quảng Phú", "Chánh Lộ",
    "Trương Quang Trọng", "Tịnh Khê", "Tịnh Ấn Tây", "Tịnh Ấn Đông", "Tịnh Châu", "Tịnh Long",
    "Tịnh Kỳ", "Tịnh Hòa", "Nghĩa Hà", "Nghĩa Phú", "Nghĩa An", "Nghĩa Dõng", "Nghĩa Dũng",
};

// clang-format on

constexpr LevelWord kProvinceLevels[] = {{"tỉnh", "Tỉnh", "TỈNH"}};
constexpr LevelWord kDistrictLevels[] = {{"huyện", "Huyện", "HUYỆN"},
                                         {"thị xã", "Thị xã", "THỊ XÃ"},
                                         {"thành phố", "Thành phố", "THÀNH PHỐ"}};
constexpr LevelWord kCommuneLevels[] = {
    {"xã", "Xã", "XÃ"}, {"phường", "Phường", "PHƯỜNG"}, {"thị trấn", "Thị trấn", "THỊ TRẤN"}};

}  // namespace

std::span<const std::string_view> Places(PlaceClass c) {
  switch (c) {
    case PlaceClass::kProvince:
      return kProvinces;
    case PlaceClass::kDistrict:
      return kDistricts;
    case PlaceClass::kCommune:
      return kCommunes;
  }
  return {};
}

std::span<const LevelWord> LevelWords(PlaceClass c) {
  switch (c) {
    case PlaceClass::kProvince:
      return kProvinceLevels;
    case PlaceClass::kDistrict:
      return kDistrictLevels;
    case PlaceClass::kCommune:
      return kCommuneLevels;
  }
  return {};
}

}  // namespace vanban::gencorpus
