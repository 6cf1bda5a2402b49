# Newsbridge portal UI strings: Chinese (Simplified).

site-tagline = 越南报纸的新闻，以您的语言呈现
skip-to-content = 跳到正文
nav-sections = 栏目
nav-home = 首页
nav-languages = 切换阅读语言
search-label = 搜索文章
search-button = 搜索
footer-about = 关于本站与来源媒体
footer-feed = RSS 订阅
footer-api = 开发者 API
footer-note = 文章来自合作报社并经机器自动翻译；每个页面都附有原文链接。


home-title = 最新新闻
home-featured = 头条
home-most-read = 最多阅读
home-section-more = 更多{ $section }新闻
home-empty = 尚未发布任何文章。

section-title = { $section }
section-empty = 本栏目暂无文章。
section-feed = 订阅本栏目（RSS）
pagination-label = 分页
pagination-newer = 较新的文章
pagination-older = 较早的文章
pagination-status = 第 { $page } 页，共 { $pages } 页

article-by = 作者：{ $names }
article-published = 原文发布于{ $date }
article-translated = { $source ->
        [vi] 由 { $engine } 译自越南语
        [en] 由 { $engine } 译自英语
       *[other] 由 { $engine } 译自原文语言
    }
article-reviewed = 已经编辑审校
article-source = 来源：
article-source-by = 由{ $publisher }发布
article-photo-credit = 图片：{ $credit }
article-embed-video = 观看视频
article-embed-post = 查看帖子
article-embed-map = 打开地图
article-embed-other = 打开嵌入内容
article-tags = 标签
related-topic = 同一事件
related-topic-all = 查看全部报道
related-section = 更多{ $section }新闻
related-author = { $author }的其他文章
related-similar = 相似文章
comments-heading = 评论
comments-empty = 暂无评论。
comments-count = { $count ->
       *[other] { $shown } 条评论
    }
comments-not-shown = 此处只显示最新的讨论：另有 { $shown } 条较早的评论和回复未显示。
comment-form-title = 参与讨论
comment-name = 姓名
comment-email = 电子邮箱（选填，绝不公开）
comment-body = 您的评论
comment-rules = 仅限纯文本，最多 { $max } 个字符。网址会自动变为链接。
comment-honeypot = 请勿填写此栏
comment-submit = 发表评论
comment-reply = 回复
comment-reply-submit = 发表回复
comment-report = 举报
comment-posted = 谢谢：您的评论已发表。
comment-held = 谢谢：您的评论经编辑审核后将会显示。
comment-reported = 谢谢：编辑将会查看这条评论。
comment-error-title = 您的评论未能发表
comment-error-name = 请填写不超过 80 个字符的姓名。
comment-error-email = 该电子邮箱地址似乎无效。
comment-error-body = 请填写不超过 { $max } 个字符的评论。
comment-error-links = 您的评论包含的链接过多。
comment-error-fast = 提交速度过快。请检查评论后重新提交。
comment-error-expired = 表单已过期，请重新提交。
comment-error-rate = 您在短时间内发表了多条评论，请稍候几分钟。
comment-error-spam = 您的评论疑似自动发送的垃圾信息，未予发表。
comment-error-forbidden = 无法验证此表单。请重新加载文章后再试。
comment-error-unavailable = 目前无法保存评论。您的内容在下方，请几分钟后再次发送。
comment-error-too-long = 您的评论有 { $length } 个字符，最多允许 { $max } 个。下方只保留了前 { $max } 个字符：请缩短后重新发送。
comment-error-report-rate = 您在短时间内举报了许多评论。请等待一小时。
comment-back = 返回文章

author-title = { $author }的文章
author-count = 共 { $shown } 篇文章
topic-title = 事件全貌
topic-intro = 关于这一事件的全部文章，按时间由新到旧排列。

search-title = 搜索
search-query = 搜索词
search-section = 栏目
search-all-sections = 全部栏目
search-from = 起始日期
search-to = 截止日期
search-results = { $count ->
        [0] 没有找到与“{ $query }”相关的结果。
       *[other] 找到 { $shown } 条与“{ $query }”相关的结果。
    }
# Shown when a very broad query was counted approximately.
search-results-about = 找到约 { $shown } 条与“{ $query }”相关的结果。
search-prompt = 请输入一个或多个词语搜索文章。
search-unavailable = 搜索功能暂时无法使用，请稍后再试。
search-too-long = 搜索内容过长，最多 { $limit } 个字符。
search-too-many-words = 搜索词过多，最多 { $limit } 个。
search-too-nested = 括号和 NOT 运算符过多，合计最多 { $limit } 个。

about-title = 关于{ $site }
about-body = { $site }以多种语言转载合作报社的文章。每篇文章均由原文自动翻译而来，部分经过编辑审校，并始终注明原报社名称、附上原文链接。
about-sources = 来源媒体
about-no-sources = 尚未配置任何来源媒体。
about-languages = 语言

feed-title = { $site }：最新新闻
feed-section-title = { $site }：{ $section }
feed-description = { $site }的最新文章。

error-not-found-title = 找不到页面
error-not-found-body = 您请求的页面不存在或已被移动。
error-gone-title = 文章已被撤下
error-gone-body = 本文已被撤下。
error-gone-reason = 本文已被撤下。原因：{ $reason }
error-internal-title = 出现错误
error-internal-body = 服务器无法显示此页面，请稍后再试。
error-available-in = 本文可用以下语言阅读：
error-home-link = 返回首页
error-language-title = 暂无中文版
error-language-body = 本门户网站暂未提供中文版。您可以阅读以下语言版本：
