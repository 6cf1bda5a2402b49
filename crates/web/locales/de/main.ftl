# Newsbridge portal UI strings: German.

site-tagline = Nachrichten aus vietnamesischen Zeitungen, in Ihrer Sprache
skip-to-content = Zum Inhalt springen
nav-sections = Ressorts
nav-home = Startseite
nav-languages = In einer anderen Sprache lesen
search-label = Artikel durchsuchen
search-button = Suchen
footer-about = Über uns und Quellverlage
footer-feed = RSS-Feed
footer-api = Programmierschnittstelle (API)
footer-note = Die Artikel stammen von Partnerzeitungen und werden automatisch übersetzt; jede Seite verlinkt auf das Original.


home-title = Aktuelle Nachrichten
home-featured = Topthema
home-most-read = Meistgelesen
home-section-more = Mehr aus dem Ressort { $section }
home-empty = Es wurden noch keine Artikel veröffentlicht.

section-title = { $section }
section-empty = In diesem Ressort gibt es noch keine Artikel.
section-feed = Diesem Ressort folgen (RSS)
pagination-label = Seiten
pagination-newer = Neuere Artikel
pagination-older = Ältere Artikel
pagination-status = Seite { $page } von { $pages }

article-by = Von { $names }
article-published = Ursprünglich veröffentlicht am { $date }
article-translated = { $source ->
        [vi] Aus dem Vietnamesischen übersetzt von { $engine }
        [en] Aus dem Englischen übersetzt von { $engine }
       *[other] Aus der Originalsprache übersetzt von { $engine }
    }
article-reviewed = Von einer Redakteurin oder einem Redakteur geprüft
article-source = Quelle:
article-source-by = veröffentlicht von { $publisher }
article-photo-credit = Foto: { $credit }
article-embed-video = Video ansehen
article-embed-post = Beitrag ansehen
article-embed-map = Karte öffnen
article-embed-other = Eingebetteten Inhalt öffnen
article-tags = Schlagwörter
related-topic = Zum selben Thema
related-topic-all = Das ganze Thema
related-section = Mehr aus dem Ressort { $section }
related-author = Mehr von { $author }
related-similar = Ähnliche Artikel
comments-heading = Kommentare
comments-empty = Noch keine Kommentare.
comments-count = { $count ->
        [one] { $shown } Kommentar
       *[other] { $shown } Kommentare
    }
comments-not-shown = Hier werden nur die neuesten Diskussionen gezeigt: { $shown } ältere Kommentare und Antworten nicht.
comment-form-title = Diskutieren Sie mit
comment-name = Name
comment-email = E-Mail (freiwillig, wird nie angezeigt)
comment-body = Ihr Kommentar
comment-rules = Nur Text, höchstens { $max } Zeichen. Webadressen werden zu Links.
comment-honeypot = Dieses Feld bitte leer lassen
comment-submit = Kommentar senden
comment-reply = Antworten
comment-reply-submit = Antwort senden
comment-report = Melden
comment-posted = Danke: Ihr Kommentar ist veröffentlicht.
comment-held = Danke: Ihr Kommentar erscheint, sobald die Redaktion ihn freigegeben hat.
comment-reported = Danke: Die Redaktion sieht sich diesen Kommentar an.
comment-error-title = Ihr Kommentar wurde nicht veröffentlicht
comment-error-name = Bitte geben Sie einen Namen mit höchstens 80 Zeichen an.
comment-error-email = Diese E-Mail-Adresse scheint ungültig zu sein.
comment-error-body = Bitte schreiben Sie einen Kommentar mit höchstens { $max } Zeichen.
comment-error-links = Ihr Kommentar enthält zu viele Links.
comment-error-fast = Das ging sehr schnell. Bitte prüfen Sie Ihren Kommentar und senden Sie ihn erneut.
comment-error-expired = Das Formular ist abgelaufen. Bitte senden Sie es erneut.
comment-error-rate = Sie haben in kurzer Zeit mehrere Kommentare geschrieben. Bitte warten Sie einige Minuten.
comment-error-spam = Ihr Kommentar sieht nach automatischem Spam aus und wurde nicht veröffentlicht.
comment-error-forbidden = Das Formular konnte nicht geprüft werden. Bitte laden Sie den Artikel neu und versuchen Sie es noch einmal.
comment-error-unavailable = Kommentare können gerade nicht gespeichert werden. Ihr Text steht unten: Bitte senden Sie ihn in ein paar Minuten erneut.
comment-error-too-long = Ihr Kommentar hat { $length } Zeichen; höchstens { $max } sind erlaubt. Unten stehen nur die ersten { $max }: Bitte kürzen Sie ihn und senden Sie ihn erneut.
comment-error-report-rate = Sie haben in kurzer Zeit viele Kommentare gemeldet. Bitte warten Sie eine Stunde.
comment-back = Zurück zum Artikel

author-title = Artikel von { $author }
author-count = { $count ->
        [one] { $shown } Artikel
       *[other] { $shown } Artikel
    }
topic-title = Die Geschichte im Überblick
topic-intro = Alle Artikel zu diesem Thema, die neuesten zuerst.

search-title = Suche
search-query = Suchbegriffe
search-section = Ressort
search-all-sections = Alle Ressorts
search-from = Von
search-to = Bis
search-results = { $count ->
        [0] Keine Ergebnisse für „{ $query }“.
        [one] { $shown } Ergebnis für „{ $query }“.
       *[other] { $shown } Ergebnisse für „{ $query }“.
    }
# Shown when a very broad query was counted approximately.
search-results-about = Etwa { $shown } Ergebnisse für „{ $query }“.
search-prompt = Geben Sie ein oder mehrere Wörter ein, um die Artikel zu durchsuchen.
search-unavailable = Die Suche ist im Moment nicht verfügbar. Bitte versuchen Sie es später erneut.
search-too-long = Diese Suche ist zu lang. Verwenden Sie höchstens { $limit } Zeichen.
search-too-many-words = Diese Suche enthält zu viele Wörter. Verwenden Sie höchstens { $limit }.
search-too-nested = Diese Suche enthält zu viele Klammern und NOT-Operatoren. Verwenden Sie insgesamt höchstens { $limit }.

about-title = Über { $site }
about-body = { $site } veröffentlicht Artikel von Partnerzeitungen in mehreren Sprachen. Jeder Artikel wird automatisch aus dem Original übersetzt, manchmal redaktionell geprüft, und nennt und verlinkt immer die Zeitung, die ihn geschrieben hat.
about-sources = Quellverlage
about-no-sources = Es sind noch keine Quellverlage eingerichtet.
about-languages = Sprachen

feed-title = { $site }: aktuelle Nachrichten
feed-section-title = { $site }: { $section }
feed-description = Die neuesten Artikel auf { $site }.

error-not-found-title = Seite nicht gefunden
error-not-found-body = Die angeforderte Seite existiert nicht oder wurde verschoben.
error-gone-title = Artikel entfernt
error-gone-body = Dieser Artikel wurde entfernt.
error-gone-reason = Dieser Artikel wurde entfernt. Angegebener Grund: { $reason }
error-internal-title = Ein Fehler ist aufgetreten
error-internal-body = Der Server konnte diese Seite nicht anzeigen. Bitte versuchen Sie es gleich noch einmal.
error-available-in = Dieser Artikel ist verfügbar auf:
error-home-link = Zur Startseite
error-language-title = Nicht auf Deutsch verfügbar
error-language-body = Dieses Portal erscheint nicht auf Deutsch. Sie können es hier lesen:
