import json, re, sys, html as H
sys.path.insert(0, '/tmp/gen')
from content import A

def esc(s): return H.escape(s, quote=False)
def attr(s): return H.escape(s, quote=True)
LINK = re.compile(r'\[([^\]]+)\]\(([^)]+)\)')
def inline_html(t): 
    out=[]; pos=0
    for m in LINK.finditer(t):
        out.append(esc(t[pos:m.start()])); out.append(f'<a href="{attr(m.group(2))}">{esc(m.group(1))}</a>'); pos=m.end()
    out.append(esc(t[pos:])); return ''.join(out)
def plain(t): return LINK.sub(lambda m: m.group(1), t)
def links(t, base): return [ (m.group(2) if m.group(2).startswith('http') else base + m.group(2)) for m in LINK.finditer(t)]

IMG = {'vietnamnet':'https://static-images.vnncdn.net/files/publish/','baochinhphu':'https://bcp.cdnchinhphu.vn/','vnexpress':'https://i1-vnexpress.vnecdn.net/',
 'tuoitre':'https://cdn.tuoitre.vn/','thanhnien':'https://images2.thanhnien.vn/','dantri':'https://cdnphoto.dantri.com.vn/','nld':'https://nld.mediacdn.vn/',
 'vov':'https://media.vov.vn/sites/default/files/styles/large/public/','tienphong':'https://image.tienphong.vn/w890/Uploaded/','qdnd':'https://file3.qdnd.vn/data/images/0/',
 'kenh14':'https://kenh14cdn.com/','sggp':'https://image.sggp.org.vn/w1000/Uploaded/'}
PUB = {'vietnamnet':'Báo VietNamNet','baochinhphu':'Báo điện tử Chính phủ','vnexpress':'VnExpress','tuoitre':'Báo Tuổi Trẻ','thanhnien':'Báo Thanh Niên',
 'dantri':'Báo điện tử Dân trí','nld':'Báo Người Lao Động','vov':'VOV.VN','tienphong':'Báo Tiền Phong','qdnd':'Báo Quân đội nhân dân','kenh14':'Kenh14','sggp':'Báo Sài Gòn Giải Phóng'}

def figure(a, b, style):
    _, f, alt, cap, credit = b
    src = IMG[a['layout']] + f
    if style == 'vne':
        return (f'<figure data-size="true" itemprop="associatedMedia image" class="tplCaption action_thumb_added"><div class="fig-picture"><picture>'
                f'<source data-srcset="{src} 1x"><img itemprop="contentUrl" loading="lazy" alt="{attr(alt)}" class="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" data-src="{src}">'
                f'</picture></div><figcaption itemprop="description"><p class="Image">{esc(cap)} Ảnh: <em>{esc(credit)}</em></p></figcaption></figure>')
    if style == 'vcs':  # Tuoi Tre / Thanh Nien / Bao Chinh phu / NLD / Kenh14 CMS
        return (f'<figure class="VCSortableInPreviewMode" type="Photo"><div><a href="{src}" data-fancybox="img-lightbox">'
                f'<img src="{src}" data-original="{src}" alt="{attr(alt)}"></a></div>'
                f'<figcaption class="PhotoCMS_Caption"><p data-placeholder="[nhập chú thích]">{esc(cap.rstrip("."))} - Ảnh: {esc(credit)}</p></figcaption></figure>')
    if style == 'dantri':
        return (f'<figure class="image align-center"><img data-src="{src}" src="https://cdnphoto.dantri.com.vn/placeholder.gif" alt="{attr(alt)}">'
                f'<figcaption><p>{esc(cap.rstrip("."))} (Ảnh: {esc(credit)}).</p></figcaption></figure>')
    if style == 'vnn':
        return (f'<figure class="image vnn-content-image"><img src="{src}" data-srcset="{src} 760w" alt="{attr(alt)}">'
                f'<figcaption><p>{esc(cap)} Ảnh: {esc(credit)}</p></figcaption></figure>')
    # plain figure with a separate credit element
    return (f'<figure class="article__image"><img src="{src}" alt="{attr(alt)}" loading="lazy">'
            f'<figcaption><span class="caption">{esc(cap)}</span> <span class="credit">Ảnh: {esc(credit)}</span></figcaption></figure>')

def body_html(a, figstyle, pclass=''):
    out=[]
    pc = f' class="{pclass}"' if pclass else ''
    for b in a['blocks']:
        k=b[0]
        if k=='p': out.append(f'<p{pc}>{inline_html(b[1])}</p>')
        elif k=='h': out.append(f'<h2>{esc(b[1])}</h2>')
        elif k=='q': out.append(f'<blockquote class="quote"><p>{esc(b[1])}</p></blockquote>')
        elif k in('ul','ol'): out.append(f'<{k}>'+''.join(f'<li>{esc(i)}</li>' for i in b[1])+f'</{k}>')
        elif k=='fig': out.append(figure(a,b,figstyle))
        elif k=='yt': out.append(f'<div class="VCSortableInPreviewMode" type="VideoStream"><iframe width="560" height="315" src="https://www.youtube.com/embed/{b[1]}" frameborder="0" allowfullscreen></iframe></div>')
        elif k=='tw': out.append(f'<blockquote class="twitter-tweet"><p lang="vi">{esc(b[2])}</p>&mdash; Fan (@fanclubvn) <a href="{b[1]}">March 10, 2025</a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>')
        elif k=='table':
            rows=b[1]
            out.append('<table class="table"><thead><tr>'+''.join(f'<th>{esc(c)}</th>' for c in rows[0])+'</tr></thead><tbody>'+
                       ''.join('<tr>'+''.join(f'<td>{esc(c)}</td>' for c in r)+'</tr>' for r in rows[1:])+'</tbody></table>')
    return '\n   '.join(out)

def head(a, extra, title_suffix):
    return f'''<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a["title"])}{title_suffix}</title>
<meta property="og:title" content="{attr(a["title"])}">
<meta property="og:type" content="article">
<meta property="og:url" content="https://{a["host"]}{a["path"]}">
<link rel="canonical" href="https://{a["host"]}{a["path"]}">
{extra}
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}gtag("js",new Date());</script>
<style>.header{{height:60px}} .ads{{min-height:250px}}</style>
</head>
'''
def ld(obj): return '<script type="application/ld+json">'+json.dumps(obj, ensure_ascii=False)+'</script>'
def crumbs(a, home):
    return {"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[
        {"@type":"ListItem","position":1,"item":{"@id":f"https://{a['host']}/","name":home}},
        {"@type":"ListItem","position":2,"item":{"@id":f"https://{a['host']}/muc","name":a['section']}}]}
def menu(items): return '<ul class="menu-nav">'+''.join(f'<li><a href="/{i}">{i}</a></li>' for i in items)+'</ul>'

CHROME = {}
def layout_vietnamnet(a):
    extra = '<meta property="og:site_name" content="Báo VietNamNet">\n' + ld([crumbs(a,'Trang chủ'), {"@context":"https://schema.org","@type":"NewsArticle","headline":a['title'],
        "datePublished":a['published'],"author":[{"@type":"Person","name":n} for n,_ in a['authors']],
        "publisher":{"@type":"Organization","name":"Báo VietNamNet","logo":{"@type":"ImageObject","url":"https://static.vnncdn.net/v1/logo/logoVietNamNet.svg"}}}])
    chrome=['Đọc báo VietNamNet trên ứng dụng','Tin nổi bật','Bình luận hay nhất','Cơ quan chủ quản: Bộ Thông tin và Truyền thông']
    h = head(a, extra, ' | Báo VietNamNet') + f'''<body>
<header class="header"><div class="header__logo"><a href="/">VietNamNet</a></div><nav>{menu(['Chính trị','Thời sự','Kinh doanh','Giáo dục','Thế giới'])}</nav></header>
<div class="container">
 <div class="breadcrumb-box"><ul><li><a href="/">Trang chủ</a></li><li><a href="/muc">{esc(a['section'])}</a></li></ul>
  <div class="bread-crumb-detail__time">{esc(a['visible_date'])}</div></div>
 <div class="content-detail">
  <h1 class="content-detail-title">{esc(a['title'])}</h1>
  <h2 class="content-detail-sapo sm-sapo-mb-0">{esc(a['lead'])}</h2>
  <div class="ads ads-in-article"><p>Quảng cáo</p></div>
  <div class="maincontent main-content" id="maincontent">
   {body_html(a,'vnn')}
  </div>
  <div class="article-detail-author-wrapper"><p class="article-detail-author__info"><span class="name">{esc(a['byline'])}</span></p></div>
  <div class="tag-box"><a href="/chu-de/{attr(a['tags'][0])}">{esc(a['tags'][0])}</a>{''.join(f'<a href="/chu-de/x">{esc(t)}</a>' for t in a['tags'][1:])}</div>
  <div class="box-app"><p>Đọc báo VietNamNet trên ứng dụng, nhận tin nhanh mỗi ngày.</p></div>
 </div>
 <aside class="sidebar"><h3>Tin nổi bật</h3><ul><li><a href="/a.html">Giá vàng hôm nay lập đỉnh mới</a></li><li><a href="/b.html">Thời tiết Hà Nội chuyển rét</a></li></ul></aside>
 <div class="comment-box"><h3>Bình luận hay nhất</h3><p>Chính sách rất cần thiết, mong sớm đi vào cuộc sống.</p></div>
</div>
<footer><p>Cơ quan chủ quản: Bộ Thông tin và Truyền thông</p><p>© Bản quyền thuộc về Báo VietNamNet</p></footer>
</body></html>'''
    return h, chrome

def layout_baochinhphu(a):
    extra = f'''<meta property="og:site_name" content="Báo điện tử Chính phủ">
<meta property="article:published_time" content="{a['published']}">
<meta property="article:section" content="{attr(a['section'])}">
<meta name="news_keywords" content="{attr(', '.join(a['tags']))}">'''
    author = ''
    if a['byline'] and not a.get('trailing'):
        author = f'<div class="detail-author"><p>{esc(a["byline"])}</p></div>'
    tail = f'\n   <p style="text-align:right;"><b>{esc(a["byline"])}</b></p>' if a.get('trailing') else ''
    chrome=['Trang chủ','Bài viết cùng chủ đề','Lên đầu trang','Cổng Thông tin điện tử Chính phủ','In bài viết']
    h = head(a, extra, ' - Báo Chính phủ') + f'''<body>
<div class="header"><a class="logo" href="/">Báo điện tử Chính phủ</a>{menu(['Trang chủ','Chính trị','Chính sách mới','Kinh tế','Xã hội'])}</div>
<div class="main">
 <div class="detail-cate"><a href="/muc">{esc(a['section'])}</a></div>
 <h1 class="detail-title">{esc(a['title'])}</h1>
 <div class="detail-time">{esc(a['visible_date'])}</div>
 <div class="detail-tools"><a href="#">In bài viết</a> <a href="#">Chia sẻ</a></div>
 <h2 class="detail-sapo">{esc(a['lead'])}</h2>
 <div class="detail-content afcbc-body">
   {body_html(a,'vcs')}{tail}
 </div>
 {author}
 <div class="detail-related"><h3>Bài viết cùng chủ đề</h3><ul><li><a href="/x.htm">Chính phủ họp chuyên đề xây dựng pháp luật</a></li><li><a href="/y.htm">Kết luận của Thủ tướng về phát triển hạ tầng</a></li></ul></div>
 <a class="gotop" href="#">Lên đầu trang</a>
</div>
<div class="footer"><p>Cổng Thông tin điện tử Chính phủ</p><p>Tổng Biên tập: Nguyễn Hồng Sâm</p></div>
</body></html>'''
    return h, chrome

def layout_vnexpress(a):
    extra = f'''<meta property="og:site_name" content="VnExpress">
<meta property="article:section" content="{attr(a['section'])}">
''' + ''.join(f'<meta property="article:tag" content="{attr(t)}">\n' for t in a['tags']) + ld({"@context":"https://schema.org","@type":"NewsArticle","headline":a['title'],"datePublished":a['published'],
        "publisher":{"@type":"Organization","name":"VnExpress","logo":{"@type":"ImageObject","url":"https://s1.vnecdn.net/vnexpress/restruct/i/v9/logos/vne_logo_rss.png"}}})
    chrome=['Trang chủ','Tin liên quan','Xem nhiều','Ý kiến','Bài viết rất hữu ích','Báo tiếng Việt nhiều người xem nhất']
    h = head(a, extra, ' - VnExpress') + f'''<body>
<header class="header"><nav class="main-nav">{menu(['Trang chủ','Thời sự','Thế giới','Kinh doanh','Sức khỏe'])}</nav></header>
<section class="section page-detail"><div class="container"><div class="sidebar-1">
 <div class="header-content"><ul class="breadcrumb"><li><a href="/muc">{esc(a['section'])}</a></li></ul><span class="date">{esc(a['visible_date'])}</span></div>
 <h1 class="title-detail">{esc(a['title'])}</h1>
 <p class="description">{esc(a['lead'])}</p>
 <article class="fck_detail">
   {body_html(a,'vne','Normal')}
   <p class="Normal" style="text-align:right;"><strong>{esc(a['byline'])}</strong></p>
 </article>
 <div class="social_pin"><a class="btn_facebook" href="#">Chia sẻ</a><a href="#">Sao chép liên kết</a></div>
 <div class="box-tinlienquanv2"><h3>Tin liên quan</h3><ul><li><a href="/a.html">Giá USD tăng mạnh</a></li></ul></div>
 <div class="box_comment_vne" id="box_comment_vne"><h3>Ý kiến (12)</h3><div class="comment_item"><p class="full_content">Bài viết rất hữu ích, cảm ơn tòa soạn.</p></div></div>
</div><aside class="sidebar-2"><div class="box-category"><h3>Xem nhiều</h3><ul><li><a href="/c.html">Chứng khoán giảm sâu</a></li></ul></div></aside></div></section>
<footer id="footer"><p>Báo tiếng Việt nhiều người xem nhất</p><p>© Copyright 1997 VnExpress.net, All rights reserved</p></footer>
</body></html>'''
    return h, chrome

def layout_tuoitre(a, pub='Báo Tuổi Trẻ', site='TUOI TRE ONLINE', suffix=' | Báo Tuổi Trẻ', chrome_name='Tuổi Trẻ'):
    extra = f'<meta property="og:site_name" content="{site}">\n' + ''.join(f'<meta property="article:tag" content="{attr(t)}">\n' for t in a['tags']) + ld([crumbs(a,'Trang chủ'),
        {"@context":"http://schema.org","@type":"NewsArticle","headline":a['title'],"publisher":{"@type":"Organization","name":pub}}])
    chrome=['Trang chủ','Xem thêm','Bạn đọc bình luận','Giấy phép số','Đăng ký nhận tin']
    h = head(a, extra, suffix) + f'''<body>
<div class="header"><div class="menu-nav">{menu(['Trang chủ','Thời sự','Thế giới','Văn hóa','Thể thao'])}</div></div>
<div class="detail-container">
 <div class="detail-cate"><a href="/muc.htm">{esc(a['section'])}</a></div>
 <h1 class="detail-title article-title" data-role="title">{esc(a['title'])}</h1>
 <div class="detail-author-bot">
  <div class="author-info"><a class="name" href="/tac-gia/x.htm">{esc(a['byline'])}</a></div>
  <div class="detail-time"><div data-role="publishdate">{esc(a['visible_date'])}</div></div>
 </div>
 <h2 class="detail-sapo" data-role="sapo">{esc(a['lead'])}</h2>
 <div class="detail-content afcbc-body" data-role="content">
   {body_html(a,'vcs')}
   <div class="VCSortableInPreviewMode" type="RelatedNewsBox"><div class="kbwscwl-relatedbox"><ul><li><a href="/r1.htm">Xem thêm: những tin cùng chủ đề</a></li><li><a href="/r2.htm">Xem thêm: diễn biến mới nhất</a></li></ul></div></div>
 </div>
 <div class="detail-tab"><span>Từ khóa:</span>{''.join(f'<a href="/tag.htm">{esc(t)}</a>' for t in a['tags'])}</div>
 <div class="newsletter-box"><p>Đăng ký nhận tin {chrome_name} mỗi sáng</p><input type="email"></div>
 <div class="box-comment"><p>Bạn đọc bình luận: thông tin rất kịp thời.</p></div>
</div>
<div class="footer"><p>Giấy phép số 411/GP-BTTTT</p></div>
</body></html>'''
    return h, chrome

def layout_thanhnien(a):
    h, chrome = layout_tuoitre(a, pub='Báo Thanh Niên', site='thanhnien.vn', suffix=' - Báo Thanh Niên', chrome_name='Thanh Niên')
    h = h.replace('<title>', '<meta property="article:section" content="'+attr(a['section'])+'">\n<title>', 1)
    return h, chrome

def layout_dantri(a):
    extra = '<meta property="og:site_name" content="Báo điện tử Dân trí">\n' + ld([crumbs(a,'Trang chủ'),{"@context":"https://schema.org","@type":"NewsArticle","headline":a['title'],
        "datePublished":a['published'],"author":{"@type":"Person","name":a['authors'][0][0]},"publisher":{"@type":"Organization","name":"Báo điện tử Dân trí"}}])
    dt = a['published'][:16].replace('T',' ')
    chrome=['Trang chủ','Tin liên quan','Đăng ký nhận bản tin','Cơ quan chủ quản','Chia sẻ']
    h = head(a, extra, ' | Báo Dân trí') + f'''<body>
<header><nav class="dt-menu">{menu(['Xã hội','Thế giới','Kinh doanh','Bất động sản','Thể thao'])}</nav></header>
<main class="singular-wrap">
 <article class="singular-container">
  <ul class="dt-breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/muc.htm">{esc(a['section'])}</a></li></ul>
  <h1 class="title-page detail">{esc(a['title'])}</h1>
  <div class="author-wrap"><div class="author-name"><a href="/tac-gia/x.htm"><b>{esc(a['byline'])}</b></a></div>
   <time class="author-time" datetime="{dt}">{esc(a['visible_date'])}</time></div>
  <h2 class="singular-sapo">{esc(a['lead'])}</h2>
  <div class="singular-content">
   {body_html(a,'dantri')}
  </div>
  <div class="tags-wrap"><ul class="tags-list">{''.join(f'<li class="tags-item"><a href="/tag.htm">{esc(t)}</a></li>' for t in a['tags'])}</ul></div>
  <div class="singular-sticky-share"><a href="#">Chia sẻ</a></div>
  <div class="article-related"><h3>Tin liên quan</h3><article class="article-item"><h3><a href="/x.htm">Người dân ùn ùn đổ về trung tâm</a></h3></article></div>
  <div class="newsletter-box"><p>Đăng ký nhận bản tin Dân trí mỗi sáng</p><input type="email"></div>
 </article>
</main>
<footer><p>Cơ quan chủ quản: Bộ Lao động - Thương binh và Xã hội</p></footer>
</body></html>'''
    return h, chrome

def layout_nld(a):
    extra = f'''<meta property="og:site_name" content="Báo Người Lao Động">
<meta property="article:section" content="{attr(a['section'])}">
<meta name="news_keywords" content="{attr(','.join(a['tags']))}">
''' + ld({"@context":"https://schema.org","@type":"NewsArticle","headline":a['title'],"datePublished":a['published'].replace('+07:00',''),"publisher":{"@type":"Organization","name":"Báo Người Lao Động"}})
    chrome=['Trang chủ','Tin cùng chuyên mục','Đọc nhiều','Quảng cáo']
    h = head(a, extra, ' - Báo Người Lao Động') + f'''<body>
<div id="header">{menu(['Trang chủ','Thời sự','Quốc tế','Pháp luật','Kinh tế'])}</div>
<div class="main-detail">
 <h1 class="title-content">{esc(a['title'])}</h1>
 <div class="detail-info"><div class="author-info"><p class="name">{esc(a['byline'])}</p></div><div class="detail-time"><span>{esc(a['visible_date'])}</span></div></div>
 <h2 class="sapo">{esc(a['lead'])}</h2>
 <div class="detail-content" data-role="content">
   {body_html(a,'vcs')}
 </div>
 <div class="ads"><p>Quảng cáo</p></div>
 <div class="box-lienquan related-news"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/a.htm">Bắt nghi phạm trộm xe máy</a></li></ul></div>
</div>
<div class="sidebar"><h3>Đọc nhiều</h3><ul><li><a href="/b.htm">Giá heo hơi tăng</a></li></ul></div>
</body></html>'''
    return h, chrome

def layout_vov(a):
    extra = f'''<meta property="og:site_name" content="VOV.VN">
<meta property="article:section" content="{attr(a['section'])}">
''' + ''.join(f'<meta property="article:tag" content="{attr(t)}">\n' for t in a['tags'])
    chrome=['Trang chủ','Tin liên quan','Tải ứng dụng VOV','Đài Tiếng nói Việt Nam']
    h = head(a, extra, ' | Báo điện tử VOV') + f'''<body>
<header class="site-header"><nav class="main-menu">{menu(['Trang chủ','Chính trị','Thế giới','Kinh tế','Xã hội'])}</nav></header>
<div class="layout--article">
 <div class="article__meta"><span class="article__category"><a href="/the-gioi">{esc(a['section'])}</a></span> <time class="article__date">{esc(a['visible_date'])}</time></div>
 <h1 class="article__title">{esc(a['title'])}</h1>
 <div class="article__sapo"><p>{esc(a['lead'])}</p></div>
 <div class="article-content">
   {body_html(a,'plain')}
 </div>
 <div class="article__author">{esc(a['byline'])}</div>
 <div class="block-related"><h3>Tin liên quan</h3><ul><li><a href="/x.vov">NATO họp khẩn về an ninh châu Âu</a></li></ul></div>
 <div class="app-download"><p>Tải ứng dụng VOV để nhận tin nhanh nhất</p></div>
</div>
<footer class="site-footer"><p>Đài Tiếng nói Việt Nam</p></footer>
</body></html>'''
    return h, chrome

def layout_tpo(a, site, suffix, chrome_app):
    extra = f'''<meta property="og:site_name" content="{site}">
''' + ld([crumbs(a,'Trang chủ'), {"@context":"https://schema.org","@type":"NewsArticle","headline":a['title'],"keywords":a['tags'],"publisher":{"@type":"Organization","name":site}}])
    time_attr = f' datetime="{a["published"]}"' if a['layout']=='tienphong' else ''
    chrome=['Trang chủ','Tin liên quan','Tin mới','Bình luận (0)',chrome_app]
    h = head(a, extra, suffix) + f'''<body>
<header class="site-header">{menu(['Trang chủ','Xã hội','Giáo dục','Kinh tế','Thế giới'])}</header>
<div class="main-column">
 <div class="article">
  <h1 class="article__title cms-title">{esc(a['title'])}</h1>
  <div class="article__meta"><div class="article__author"><span class="name cms-author">{esc(a['byline'])}</span></div><time class="time"{time_attr}>{esc(a['visible_date'])}</time></div>
  <div class="article__sapo cms-desc"><p>{esc(a['lead'])}</p></div>
  <div class="article__body cms-body">
   {body_html(a,'plain')}
  </div>
  <div class="article__tag"><a href="/t1">{esc(a['tags'][0])}</a></div>
  <div class="article__social"><a href="#">Chia sẻ</a></div>
  <div class="box-comment"><h3>Bình luận (0)</h3><p>Hãy là người đầu tiên bình luận.</p></div>
  <div class="article__related"><h3>Tin liên quan</h3><ul><li><a href="/r.html">Tin mới: nhiều trường công bố phương án tuyển sinh</a></li></ul></div>
  <p class="app-promo">{chrome_app}</p>
 </div>
</div>
</body></html>'''
    return h, chrome

def layout_tienphong(a): return layout_tpo(a, 'Báo Tiền Phong', ' | Báo điện tử Tiền Phong', 'Tải ứng dụng Tiền Phong')
def layout_sggp(a):
    h, c = layout_tpo(a, 'Báo Sài Gòn Giải Phóng', ' | Báo Sài Gòn Giải Phóng', 'Tải ứng dụng SGGP')
    h = h.replace('<title>', f'<meta property="article:section" content="{attr(a["section"])}">\n<title>',1)
    return h, c

def layout_qdnd(a):
    extra = '<meta property="og:site_name" content="Báo Quân đội nhân dân">\n' + ld([crumbs(a,'Trang chủ'),{"@context":"https://schema.org","@type":"NewsArticle","headline":a['title'],"keywords":', '.join(a['tags']),"publisher":{"@type":"Organization","name":"Báo Quân đội nhân dân"}}])
    chrome=['Trang chủ','Tin cùng chuyên mục','Đường dây nóng','Bản quyền thuộc Báo Quân đội nhân dân']
    h = head(a, extra, ' - Báo Quân đội nhân dân') + f'''<body>
<div class="header-menu">{menu(['Trang chủ','Chính trị','Quốc phòng - An ninh','Kinh tế','Xã hội'])}</div>
<div class="hotline">Đường dây nóng: 0243 747 0000</div>
<div class="post-detail">
 <h1 class="post-title">{esc(a['title'])}</h1>
 <div class="post-subinfo"><span class="post-date">{esc(a['visible_date'])}</span></div>
 <div class="post-summary"><p>{esc(a['lead'])}</p></div>
 <div class="post-content">
   {body_html(a,'plain')}
   <p class="author-post"><strong>{esc(a['byline'])}</strong></p>
 </div>
 <div class="post-tag">{''.join(f'<a href="/tag/x">{esc(t)}</a>' for t in a['tags'])}</div>
 <div class="box-lien-quan related"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/a">Hội nghị quân chính toàn quân</a></li></ul></div>
</div>
<div class="footer"><p>Bản quyền thuộc Báo Quân đội nhân dân</p></div>
</body></html>'''
    return h, chrome

def layout_kenh14(a):
    extra = f'''<meta property="og:site_name" content="Kenh14">
<meta property="article:section" content="{attr(a['section'])}">
<meta property="article:published_time" content="{a['published']}">
'''
    chrome=['Trang chủ','Tin cùng chuyên mục','Đừng bỏ lỡ','Kenh14.vn giữ bản quyền']
    h = head(a, extra, ' - Kenh14') + f'''<body>
<div class="kbw-header">{menu(['Star','Cine','Musik','Đời sống','Sport'])}</div>
<div class="kbw-content">
 <div class="klw-new-content">
  <h1 class="kbwc-title">{esc(a['title'])}</h1>
  <div class="kbwc-meta"><span class="kbwcm-author">{esc(a['byline'])}</span>, <span class="kbwcm-time" title="{esc(a['visible_date'])}">{esc(a['visible_date'])}</span></div>
  <h2 class="knc-sapo">{esc(a['lead'])}</h2>
  <div class="knc-content">
   {body_html(a,'vcs')}
  </div>
  <div class="tags-box"><ul class="knt-list">{''.join(f'<li class="kli"><a href="/tag/x.chn">{esc(t)}</a></li>' for t in a['tags'])}</ul></div>
  <div class="knc-rate-link"><h3>Đừng bỏ lỡ</h3><a href="/x.chn">Sao Việt đổ bộ thảm đỏ</a></div>
  <div class="kbwc-socials"><a href="#">Chia sẻ</a></div>
 </div>
 <div class="kbw-sidebar"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/y.chn">Trend mới của Gen Z</a></li></ul></div>
</div>
<div class="kbw-footer"><p>Kenh14.vn giữ bản quyền nội dung</p></div>
</body></html>'''
    return h, chrome

VCS = {'baochinhphu','tuoitre','thanhnien','nld','kenh14'}
LAYOUTS = {k[len('layout_'):]: v for k, v in globals().items() if k.startswith('layout_')}

def gold(a, chrome):
    base = f"https://{a['host']}"
    kinds=[]; texts=[]; figs=[]; embeds=[]; lk=[]
    for b in a['blocks']:
        k=b[0]
        if k=='p': kinds.append('paragraph'); texts.append(plain(b[1])); lk += links(b[1], base)
        elif k=='h': kinds.append('heading'); texts.append(b[1])
        elif k=='q': kinds.append('quote'); texts.append(b[1])
        elif k in('ul','ol'): kinds.append('list'); texts.append('\n'.join(b[1]))
        elif k=='table': kinds.append('table'); texts.append('\n'.join('\t'.join(r) for r in b[1]))
        elif k=='fig':
            # The Photo-CMS layouts print "Caption - Ảnh: Credit" without the caption's full stop.
            cap = b[3].rstrip('.') if a['layout'] in VCS else b[3]
            kinds.append('figure'); figs.append({"src": IMG[a['layout']]+b[1], "alt": b[2], "caption": cap, "credit": b[4]})
        elif k=='yt': kinds.append('embed'); embeds.append(['video', f'https://www.youtube.com/embed/{b[1]}'])
        elif k=='tw': kinds.append('embed'); embeds.append(['post', b[1]])
    g = {"url": base + a['path'], "title": a['title'], "lead": a['lead'],
         "authors": [[n, r] for n, r in a['authors']], "publisher": PUB[a['layout']],
         "published": a['published'], "language": "vi", "section": a['section'], "tags": a['tags'],
         "canonical_url": base + a['path'], "kinds": kinds, "body_text": '\n\n'.join(texts),
         "figures": figs, "embeds": embeds, "links": lk,
         "absent": chrome + ([a['byline']] if a.get('byline') else []) + ['dataLayer', 'min-height']}
    return g

if __name__ == '__main__':
    out = sys.argv[1]
    for a in A:
        h, chrome = LAYOUTS[a['layout']](a)
        open(f"{out}/{a['slug']}.html", 'w').write(h + '\n')
        open(f"{out}/{a['slug']}.json", 'w').write(json.dumps(gold(a, chrome), ensure_ascii=False, indent=1) + '\n')
    print(len(A), 'pages')
