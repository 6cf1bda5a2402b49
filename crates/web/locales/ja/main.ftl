# Newsbridge portal UI strings: Japanese.

site-tagline = ベトナムの新聞のニュースを、あなたの言語で
skip-to-content = 本文へ移動
nav-sections = カテゴリー
nav-home = ホーム
nav-languages = 他の言語で読む
search-label = 記事を検索
search-button = 検索
footer-about = このサイトについて・配信元
footer-feed = RSS フィード
footer-api = 開発者向け API
footer-note = 記事は提携新聞社から提供され、機械で自動翻訳されています。各ページに原文へのリンクがあります。


home-title = 最新ニュース
home-featured = トップニュース
home-most-read = よく読まれている記事
home-section-more = { $section }の記事をもっと見る
home-empty = まだ記事は公開されていません。

section-title = { $section }
section-empty = このカテゴリーにはまだ記事がありません。
section-feed = このカテゴリーをフォロー（RSS）
pagination-label = ページ
pagination-newer = 新しい記事
pagination-older = 過去の記事
pagination-status = { $pages } ページ中 { $page } ページ目

article-by = 筆者：{ $names }
article-published = 原文掲載日時：{ $date }
article-translated = { $source ->
        [vi] { $engine } によりベトナム語から翻訳
        [en] { $engine } により英語から翻訳
       *[other] { $engine } により原語から翻訳
    }
article-reviewed = 編集者が確認済み
article-source = 出典：
article-source-by = 配信元：{ $publisher }
article-photo-credit = 写真：{ $credit }
article-embed-video = 動画を見る
article-embed-post = 投稿を見る
article-embed-map = 地図を開く
article-embed-other = 埋め込みコンテンツを開く
article-tags = タグ
related-topic = 同じ話題の記事
related-topic-all = この話題の記事をすべて見る
related-section = { $section }の他の記事
related-author = { $author }の他の記事
related-similar = 似ている記事
comments-heading = コメント
comments-empty = まだコメントはありません。
comments-count = { $count ->
       *[other] コメント { $shown } 件
    }
comments-not-shown = ここには最新の会話だけを表示しています（古いコメントと返信 { $shown } 件は表示していません）。
comment-form-title = 議論に参加する
comment-name = お名前
comment-email = メールアドレス（任意・公開されません）
comment-body = コメント
comment-rules = テキストのみ、最大 { $max } 文字。URL は自動的にリンクになります。
comment-honeypot = この欄は空のままにしてください
comment-submit = コメントを投稿
comment-reply = 返信
comment-reply-submit = 返信を投稿
comment-report = 通報
comment-posted = ありがとうございます。コメントが公開されました。
comment-held = ありがとうございます。コメントは編集者の承認後に表示されます。
comment-reported = ありがとうございます。編集者がこのコメントを確認します。
comment-error-title = コメントは投稿されませんでした
comment-error-name = 80 文字以内でお名前を入力してください。
comment-error-email = このメールアドレスは正しくないようです。
comment-error-body = { $max } 文字以内でコメントを入力してください。
comment-error-links = コメントに含まれるリンクが多すぎます。
comment-error-fast = 送信が速すぎます。コメントを確認して、もう一度送信してください。
comment-error-expired = フォームの有効期限が切れました。もう一度送信してください。
comment-error-rate = 短時間に複数のコメントが投稿されました。数分待ってからお試しください。
comment-error-spam = 自動送信のスパムと判断されたため、コメントは投稿されませんでした。
comment-error-forbidden = フォームを確認できませんでした。記事を再読み込みして、もう一度お試しください。
comment-error-unavailable = 現在コメントを保存できません。入力した内容は下にあります。数分後にもう一度送信してください。
comment-error-too-long = コメントは { $length } 文字です。上限は { $max } 文字です。下には最初の { $max } 文字だけを残しました。短くしてもう一度送信してください。
comment-error-report-rate = 短時間に多くのコメントを通報しました。1 時間お待ちください。
comment-back = 記事に戻る

author-title = { $author }の記事
author-count = { $shown } 件の記事
topic-title = これまでの経緯
topic-intro = この話題に関するすべての記事（新しい順）。

search-title = 検索
search-query = 検索語
search-section = カテゴリー
search-all-sections = すべてのカテゴリー
search-from = 開始日
search-to = 終了日
search-results = { $count ->
        [0] 「{ $query }」に一致する結果はありません。
       *[other] 「{ $query }」の検索結果：{ $shown } 件
    }
# Shown when a very broad query was counted approximately.
search-results-about = 「{ $query }」の検索結果：約 { $shown } 件
search-prompt = 記事を検索するには、単語を一つ以上入力してください。
search-unavailable = 現在、検索はご利用いただけません。しばらくしてから再度お試しください。
search-too-long = 検索語が長すぎます。{ $limit } 文字以内にしてください。
search-too-many-words = 検索語の単語が多すぎます。{ $limit } 語以内にしてください。
search-too-nested = 括弧と NOT 演算子が多すぎます。合わせて { $limit } 個以内にしてください。

about-title = { $site }について
about-body = { $site }は、提携新聞社の記事を複数の言語で掲載しています。各記事は原文から自動翻訳され、編集者が確認することもあり、必ず執筆した新聞社の名前と原文へのリンクを掲載しています。
about-sources = 配信元の新聞社
about-no-sources = 配信元の新聞社はまだ設定されていません。
about-languages = 言語

feed-title = { $site }：最新ニュース
feed-section-title = { $site }：{ $section }
feed-description = { $site }の最新記事。

error-not-found-title = ページが見つかりません
error-not-found-body = お探しのページは存在しないか、移動しました。
error-gone-title = 記事は削除されました
error-gone-body = この記事は削除されました。
error-gone-reason = この記事は削除されました。理由：{ $reason }
error-internal-title = エラーが発生しました
error-internal-body = サーバーがこのページを表示できませんでした。しばらくしてから再度お試しください。
error-available-in = この記事は次の言語で読めます：
error-home-link = ホームへ戻る
error-language-title = 日本語版はありません
error-language-body = このポータルは日本語では公開されていません。次の言語でお読みいただけます：
