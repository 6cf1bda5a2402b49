# Newsbridge portal UI strings: French.

site-tagline = L’actualité des journaux vietnamiens, dans votre langue
skip-to-content = Aller au contenu
nav-sections = Rubriques
nav-home = Accueil
nav-languages = Lire dans une autre langue
search-label = Rechercher dans les articles
search-button = Rechercher
footer-about = À propos et éditeurs sources
footer-feed = Flux RSS
footer-api = API pour les développeurs
footer-note = Les articles proviennent de journaux partenaires et sont traduits automatiquement ; chaque page renvoie à l’original.


home-title = Dernières nouvelles
home-featured = À la une
home-most-read = Les plus lus
home-section-more = Plus d’articles : { $section }
home-empty = Aucun article n’a encore été publié.

section-title = { $section }
section-empty = Aucun article dans cette rubrique pour le moment.
section-feed = Suivre cette rubrique (RSS)
pagination-label = Pages
pagination-newer = Articles plus récents
pagination-older = Articles plus anciens
pagination-status = Page { $page } sur { $pages }

article-by = Par { $names }
article-published = Publié à l’origine le { $date }
article-translated = { $source ->
        [vi] Traduit du vietnamien par { $engine }
        [en] Traduit de l’anglais par { $engine }
       *[other] Traduit de la langue d’origine par { $engine }
    }
article-reviewed = Relu par un rédacteur
article-source = Source :
article-source-by = publié par { $publisher }
article-photo-credit = Photo : { $credit }
article-embed-video = Voir la vidéo
article-embed-post = Voir la publication
article-embed-map = Ouvrir la carte
article-embed-other = Ouvrir le contenu intégré
article-tags = Mots-clés
related-topic = Sur le même sujet
related-topic-all = Tout le dossier
related-section = Plus d’articles : { $section }
related-author = Du même auteur : { $author }
related-similar = Dans le même esprit
comments-heading = Commentaires
comments-empty = Aucun commentaire pour le moment.
comments-count = { $count ->
        [one] { $shown } commentaire
       *[other] { $shown } commentaires
    }
comments-not-shown = Seules les discussions les plus récentes sont affichées ici : { $shown } commentaires et réponses plus anciens ne le sont pas.
comment-form-title = Participer à la discussion
comment-name = Nom
comment-email = Courriel (facultatif, jamais affiché)
comment-body = Votre commentaire
comment-rules = Texte brut, { $max } caractères au plus. Les adresses web deviennent des liens.
comment-honeypot = Laissez ce champ vide
comment-submit = Publier le commentaire
comment-reply = Répondre
comment-reply-submit = Publier la réponse
comment-report = Signaler
comment-posted = Merci : votre commentaire est publié.
comment-held = Merci : votre commentaire apparaîtra dès qu’un éditeur l’aura approuvé.
comment-reported = Merci : un éditeur examinera ce commentaire.
comment-error-title = Votre commentaire n’a pas été publié
comment-error-name = Indiquez un nom de 80 caractères au plus.
comment-error-email = Cette adresse électronique ne semble pas valide.
comment-error-body = Écrivez un commentaire de { $max } caractères au plus.
comment-error-links = Votre commentaire contient trop de liens.
comment-error-fast = C’était très rapide. Relisez votre commentaire et envoyez-le de nouveau.
comment-error-expired = Ce formulaire a expiré. Envoyez-le de nouveau.
comment-error-rate = Vous avez publié plusieurs commentaires en peu de temps. Patientez quelques minutes.
comment-error-spam = Votre commentaire ressemble à un envoi automatique et n’a pas été publié.
comment-error-forbidden = Ce formulaire n’a pas pu être vérifié. Rechargez l’article et réessayez.
comment-error-unavailable = Les commentaires ne peuvent pas être enregistrés pour le moment. Votre texte est ci-dessous : renvoyez-le dans quelques minutes.
comment-error-too-long = Votre commentaire compte { $length } caractères ; { $max } au plus sont admis. Seuls les { $max } premiers sont repris ci-dessous : raccourcissez-le et envoyez-le de nouveau.
comment-error-report-rate = Vous avez signalé de nombreux commentaires en peu de temps. Patientez une heure.
comment-back = Retour à l’article

author-title = Articles de { $author }
author-count = { $count ->
        [one] { $shown } article
       *[other] { $shown } articles
    }
topic-title = Le dossier
topic-intro = Tous les articles sur ce sujet, du plus récent au plus ancien.

search-title = Recherche
search-query = Mots à rechercher
search-section = Rubrique
search-all-sections = Toutes les rubriques
search-from = Du
search-to = Au
search-results = { $count ->
        [0] Aucun résultat pour « { $query } ».
        [one] { $shown } résultat pour « { $query } ».
       *[other] { $shown } résultats pour « { $query } ».
    }
# Shown when a very broad query was counted approximately.
search-results-about = Environ { $shown } résultats pour « { $query } ».
search-prompt = Saisissez un ou plusieurs mots pour rechercher dans les articles.
search-unavailable = La recherche est momentanément indisponible. Veuillez réessayer plus tard.
search-too-long = Cette recherche est trop longue. Utilisez au plus { $limit } caractères.
search-too-many-words = Cette recherche compte trop de mots. Utilisez-en au plus { $limit }.
search-too-nested = Cette recherche compte trop de parenthèses et d’opérateurs NOT. Utilisez-en au plus { $limit } en tout.

about-title = À propos de { $site }
about-body = { $site } republie en plusieurs langues les articles de journaux partenaires. Chaque article est traduit automatiquement à partir de l’original, parfois relu par un rédacteur, et cite toujours le journal qui l’a écrit, avec un lien vers lui.
about-sources = Éditeurs sources
about-no-sources = Aucun éditeur source n’est encore configuré.
about-languages = Langues

feed-title = { $site } : dernières nouvelles
feed-section-title = { $site } : { $section }
feed-description = Les derniers articles de { $site }.

error-not-found-title = Page introuvable
error-not-found-body = La page demandée n’existe pas ou a été déplacée.
error-gone-title = Article retiré
error-gone-body = Cet article a été retiré.
error-gone-reason = Cet article a été retiré. Motif indiqué : { $reason }
error-internal-title = Une erreur est survenue
error-internal-body = Le serveur n’a pas pu afficher cette page. Veuillez réessayer dans un instant.
error-available-in = Cet article est disponible en :
error-home-link = Revenir à l’accueil
error-language-title = Pas de version française
error-language-body = Ce portail n’est pas publié en français. Vous pouvez le lire en :
