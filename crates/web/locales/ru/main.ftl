# Newsbridge portal UI strings: Russian.

site-tagline = Новости вьетнамских газет на вашем языке
skip-to-content = Перейти к содержанию
nav-sections = Рубрики
nav-home = Главная
nav-languages = Читать на другом языке
search-label = Поиск по статьям
search-button = Найти
footer-about = О проекте и издания-источники
footer-feed = RSS-лента
footer-api = API для разработчиков
footer-note = Статьи предоставлены газетами-партнёрами и переведены автоматически; на каждой странице есть ссылка на оригинал.


home-title = Последние новости
home-featured = Главная новость
home-most-read = Самое читаемое
home-section-more = Ещё в рубрике «{ $section }»
home-empty = Пока не опубликовано ни одной статьи.

section-title = { $section }
section-empty = В этой рубрике пока нет статей.
section-feed = Подписаться на рубрику (RSS)
pagination-label = Страницы
pagination-newer = Более новые статьи
pagination-older = Более ранние статьи
pagination-status = Страница { $page } из { $pages }

article-by = Автор: { $names }
article-published = Впервые опубликовано { $date }
article-translated = { $source ->
        [vi] Переведено с вьетнамского: { $engine }
        [en] Переведено с английского: { $engine }
       *[other] Переведено с языка оригинала: { $engine }
    }
article-reviewed = Проверено редактором
article-source = Источник:
article-source-by = публикация: { $publisher }
article-photo-credit = Фото: { $credit }
article-embed-video = Смотреть видео
article-embed-post = Открыть публикацию
article-embed-map = Открыть карту
article-embed-other = Открыть встроенное содержимое
article-tags = Теги
related-topic = По той же теме
related-topic-all = Вся тема
related-section = Ещё в рубрике «{ $section }»
related-author = Другие статьи автора: { $author }
related-similar = Похожие статьи
comments-heading = Комментарии
comments-empty = Комментариев пока нет.
comments-count = { $count ->
        [one] { $shown } комментарий
        [few] { $shown } комментария
       *[many] { $shown } комментариев
    }
comments-not-shown = Здесь показаны только самые новые обсуждения; более ранние комментарии и ответы ({ $shown }) не показаны.
comment-form-title = Присоединяйтесь к обсуждению
comment-name = Имя
comment-email = Эл. почта (необязательно, не публикуется)
comment-body = Ваш комментарий
comment-rules = Только текст, не более { $max } символов. Веб-адреса становятся ссылками.
comment-honeypot = Оставьте это поле пустым
comment-submit = Отправить комментарий
comment-reply = Ответить
comment-reply-submit = Отправить ответ
comment-report = Пожаловаться
comment-posted = Спасибо: ваш комментарий опубликован.
comment-held = Спасибо: ваш комментарий появится после одобрения редактором.
comment-reported = Спасибо: редактор проверит этот комментарий.
comment-error-title = Ваш комментарий не опубликован
comment-error-name = Укажите имя длиной не более 80 символов.
comment-error-email = Этот адрес электронной почты выглядит неверным.
comment-error-body = Напишите комментарий длиной не более { $max } символов.
comment-error-links = В вашем комментарии слишком много ссылок.
comment-error-fast = Слишком быстро. Проверьте комментарий и отправьте его ещё раз.
comment-error-expired = Срок действия формы истёк. Отправьте её ещё раз.
comment-error-rate = Вы написали несколько комментариев за короткое время. Подождите несколько минут.
comment-error-spam = Ваш комментарий похож на автоматический спам и не опубликован.
comment-error-forbidden = Не удалось проверить форму. Обновите статью и попробуйте ещё раз.
comment-error-unavailable = Сейчас комментарии не сохраняются. Ваш текст ниже: отправьте его снова через несколько минут.
comment-error-too-long = В вашем комментарии { $length } символов; допускается не более { $max }. Ниже сохранены только первые { $max }: сократите его и отправьте снова.
comment-error-report-rate = Вы пожаловались на много комментариев за короткое время. Подождите час.
comment-back = Вернуться к статье

author-title = Статьи автора: { $author }
author-count = { $count ->
        [one] { $shown } статья
        [few] { $shown } статьи
        [many] { $shown } статей
       *[other] { $shown } статьи
    }
topic-title = Хроника событий
topic-intro = Все статьи по этой теме, сначала новые.

search-title = Поиск
search-query = Что искать
search-section = Рубрика
search-all-sections = Все рубрики
search-from = С
search-to = По
search-results = { $count ->
        [0] По запросу «{ $query }» ничего не найдено.
        [one] По запросу «{ $query }» найден { $shown } результат.
        [few] По запросу «{ $query }» найдено { $shown } результата.
        [many] По запросу «{ $query }» найдено { $shown } результатов.
       *[other] По запросу «{ $query }» найдено { $shown } результата.
    }
# Shown when a very broad query was counted approximately.
search-results-about = { $count ->
        [one] По запросу «{ $query }» найден примерно { $shown } результат.
        [few] По запросу «{ $query }» найдено примерно { $shown } результата.
        [many] По запросу «{ $query }» найдено примерно { $shown } результатов.
       *[other] По запросу «{ $query }» найдено примерно { $shown } результата.
    }
search-prompt = Введите одно или несколько слов, чтобы найти статьи.
search-unavailable = Поиск временно недоступен. Пожалуйста, повторите попытку позже.
search-too-long = Слишком длинный запрос. Используйте не более { $limit } символов.
search-too-many-words = В запросе слишком много слов. Используйте не более { $limit }.
search-too-nested = В запросе слишком много скобок и операторов NOT. Используйте не более { $limit } в сумме.

about-title = О проекте { $site }
about-body = { $site } публикует статьи газет-партнёров на нескольких языках. Каждая статья автоматически переводится с оригинала, иногда проверяется редактором и всегда указывает газету, которая её написала, со ссылкой на неё.
about-sources = Издания-источники
about-no-sources = Издания-источники пока не настроены.
about-languages = Языки

feed-title = { $site }: последние новости
feed-section-title = { $site }: { $section }
feed-description = Последние статьи на { $site }.

error-not-found-title = Страница не найдена
error-not-found-body = Запрошенная страница не существует или была перемещена.
error-gone-title = Статья удалена
error-gone-body = Эта статья удалена.
error-gone-reason = Эта статья удалена. Указанная причина: { $reason }
error-internal-title = Произошла ошибка
error-internal-body = Сервер не смог показать эту страницу. Пожалуйста, повторите попытку через минуту.
error-available-in = Эта статья доступна на языках:
error-home-link = На главную
error-language-title = Нет версии на русском языке
error-language-body = Этот портал не публикуется на русском языке. Его можно читать на:
