#include "bot/referral_text.h"

namespace shirube::bot {

namespace {

std::string channel_label(const std::string& channel) {
  if (channel == "phone")
    return "電話";
  if (channel == "sns")
    return "SNS";
  if (channel == "chat")
    return "チャット";
  if (channel == "web")
    return "ウェブ";
  if (channel == "visit")
    return "窓口・来所";
  return "";
}

}  // namespace

std::vector<ReferralLine> referral_lines(const knowledge::Service& s) {
  std::string reach = s.contact.empty() ? "連絡先：確認できていません" : s.contact;
  if (!channel_label(s.channel).empty() && !s.contact.empty())
    reach = channel_label(s.channel) + "：" + s.contact;
  std::string source = s.source_title.empty() ? s.source_url : s.source_title;
  if (!s.source_url.empty() && source != s.source_url)
    source += "（" + s.source_url + "）";
  if (!s.source_date.empty() && s.source_date != "unknown")
    source += "　" + s.source_date;
  return {{"どんなところ", s.description.empty() ? s.target : s.description},
          {"連絡方法", reach},
          {"受付時間", s.hours.empty() ? "情報なし（連絡前に確認してください）" : s.hours},
          {"費用", s.cost.empty() ? "情報なし" : s.cost},
          {"最終確認", s.last_verified.empty() ? "未確認" : s.last_verified},
          {"出典", source.empty() ? "不明" : source}};
}

std::string referral_service_text(int n, const knowledge::Service& s) {
  std::string t = "\n" + std::to_string(n) + ". " + s.name + "\n";
  for (const auto& line : referral_lines(s))
    t += "・" + std::string(line.label) + "：" + line.value + "\n";
  return t;
}

}  // namespace shirube::bot
