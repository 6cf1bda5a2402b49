# Newsbridge portal UI strings: Spanish.

site-tagline = Noticias de los periódicos de Vietnam, en su idioma
skip-to-content = Saltar al contenido
nav-sections = Secciones
nav-home = Portada
nav-languages = Leer en otro idioma
search-label = Buscar en los artículos
search-button = Buscar
footer-about = Acerca de y medios de origen
footer-feed = Canal RSS
footer-api = API para desarrolladores
footer-note = Los artículos proceden de periódicos asociados y se traducen automáticamente; cada página enlaza con el original.


home-title = Últimas noticias
home-featured = Noticia destacada
home-most-read = Lo más leído
home-section-more = Más en { $section }
home-empty = Todavía no se ha publicado ningún artículo.

section-title = { $section }
section-empty = Todavía no hay artículos en esta sección.
section-feed = Seguir esta sección (RSS)
pagination-label = Páginas
pagination-newer = Artículos más recientes
pagination-older = Artículos anteriores
pagination-status = Página { $page } de { $pages }

article-by = Por { $names }
article-published = Publicado originalmente el { $date }
article-translated = { $source ->
        [vi] Traducido del vietnamita por { $engine }
        [en] Traducido del inglés por { $engine }
       *[other] Traducido del idioma original por { $engine }
    }
article-reviewed = Revisado por un editor
article-source = Fuente:
article-source-by = publicado por { $publisher }
article-photo-credit = Foto: { $credit }
article-embed-video = Ver el vídeo
article-embed-post = Ver la publicación
article-embed-map = Abrir el mapa
article-embed-other = Abrir el contenido insertado
article-tags = Etiquetas
related-topic = Sobre el mismo tema
related-topic-all = Toda la cobertura
related-section = Más en { $section }
related-author = Más de { $author }
related-similar = Artículos similares
comments-heading = Comentarios
comments-empty = Todavía no hay comentarios.
comments-count = { $count ->
        [one] { $shown } comentario
       *[other] { $shown } comentarios
    }
comments-not-shown = Aquí solo se muestran las conversaciones más recientes: { $shown } comentarios y respuestas anteriores no.
comment-form-title = Únase a la conversación
comment-name = Nombre
comment-email = Correo electrónico (opcional, nunca se muestra)
comment-body = Su comentario
comment-rules = Solo texto, { $max } caracteres como máximo. Las direcciones web se convierten en enlaces.
comment-honeypot = Deje este campo vacío
comment-submit = Publicar comentario
comment-reply = Responder
comment-reply-submit = Publicar respuesta
comment-report = Denunciar
comment-posted = Gracias: su comentario está publicado.
comment-held = Gracias: su comentario aparecerá cuando un editor lo haya aprobado.
comment-reported = Gracias: un editor revisará este comentario.
comment-error-title = Su comentario no se ha publicado
comment-error-name = Indique un nombre de 80 caracteres como máximo.
comment-error-email = Esta dirección de correo no parece válida.
comment-error-body = Escriba un comentario de { $max } caracteres como máximo.
comment-error-links = Su comentario contiene demasiados enlaces.
comment-error-fast = Ha sido muy rápido. Revise su comentario y envíelo de nuevo.
comment-error-expired = Este formulario ha caducado. Envíelo de nuevo.
comment-error-rate = Ha publicado varios comentarios en poco tiempo. Espere unos minutos.
comment-error-spam = Su comentario parece correo basura automático y no se ha publicado.
comment-error-forbidden = No se pudo verificar el formulario. Vuelva a cargar el artículo e inténtelo de nuevo.
comment-error-unavailable = Ahora mismo no se pueden guardar comentarios. Su texto está abajo: envíelo de nuevo dentro de unos minutos.
comment-error-too-long = Su comentario tiene { $length } caracteres; se admiten { $max } como máximo. Abajo solo se conservan los primeros { $max }: acórtelo y envíelo de nuevo.
comment-error-report-rate = Ha denunciado muchos comentarios en poco tiempo. Espere una hora.
comment-back = Volver al artículo

author-title = Artículos de { $author }
author-count = { $count ->
        [one] { $shown } artículo
       *[other] { $shown } artículos
    }
topic-title = La historia completa
topic-intro = Todos los artículos sobre este tema, del más reciente al más antiguo.

search-title = Búsqueda
search-query = Palabras que buscar
search-section = Sección
search-all-sections = Todas las secciones
search-from = Desde
search-to = Hasta
search-results = { $count ->
        [0] No hay resultados para «{ $query }».
        [one] { $shown } resultado para «{ $query }».
       *[other] { $shown } resultados para «{ $query }».
    }
# Shown when a very broad query was counted approximately.
search-results-about = Aproximadamente { $shown } resultados para «{ $query }».
search-prompt = Escriba una o varias palabras para buscar en los artículos.
search-unavailable = La búsqueda no está disponible en este momento. Inténtelo de nuevo más tarde.
search-too-long = Esta búsqueda es demasiado larga. Use como máximo { $limit } caracteres.
search-too-many-words = Esta búsqueda tiene demasiadas palabras. Use como máximo { $limit }.
search-too-nested = Esta búsqueda tiene demasiados paréntesis y operadores NOT. Use como máximo { $limit } en total.

about-title = Acerca de { $site }
about-body = { $site } publica en varios idiomas artículos de periódicos asociados. Cada artículo se traduce automáticamente a partir del original, a veces lo revisa un editor, y siempre cita y enlaza el periódico que lo escribió.
about-sources = Medios de origen
about-no-sources = Todavía no hay medios de origen configurados.
about-languages = Idiomas

feed-title = { $site }: últimas noticias
feed-section-title = { $site }: { $section }
feed-description = Los artículos más recientes de { $site }.

error-not-found-title = Página no encontrada
error-not-found-body = La página solicitada no existe o se ha trasladado.
error-gone-title = Artículo retirado
error-gone-body = Este artículo se ha retirado.
error-gone-reason = Este artículo se ha retirado. Motivo indicado: { $reason }
error-internal-title = Se ha producido un error
error-internal-body = El servidor no ha podido mostrar esta página. Inténtelo de nuevo dentro de un momento.
error-available-in = Este artículo está disponible en:
error-home-link = Volver a la portada
error-language-title = No disponible en español
error-language-body = Este portal no se publica en español. Puede leerlo en:
