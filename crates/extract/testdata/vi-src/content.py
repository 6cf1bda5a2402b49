# Articles written for Newsbridge's Vietnamese gold set. Blocks:
# ('p', text) ('h', text) ('fig', file, alt, caption, credit) ('q', text) ('ul', [items])
# ('ol', [items]) ('yt', id) ('tw', url, text) ('table', [[cells]...]) ; links in text as [label](href)
A = []

A.append(dict(slug='vietnamnet-chinhtri', layout='vietnamnet', host='vietnamnet.vn',
 path='/quoc-hoi-thong-qua-luat-du-lieu-2385123.html', section='Chính trị', tags=['Quốc hội','Luật Dữ liệu','chuyển đổi số'],
 title='Quốc hội thông qua Luật Dữ liệu với 94% đại biểu tán thành',
 lead='Sáng 30/11, Quốc hội biểu quyết thông qua Luật Dữ liệu, lần đầu quy định về Trung tâm dữ liệu quốc gia và sàn dữ liệu.',
 authors=[('Hương Quỳnh',None)], byline='Hương Quỳnh', published='2024-11-30T10:45:00+07:00', visible_date='Thứ Bảy, 30/11/2024 - 10:45',
 blocks=[
  ('p','Với 443/470 đại biểu tham gia biểu quyết tán thành, chiếm 94,05% tổng số đại biểu, Quốc hội đã thông qua Luật Dữ liệu. Luật có hiệu lực từ ngày 1/7/2025.'),
  ('fig','2024/11/30/quoc-hoi-bieu-quyet.jpg','Đại biểu Quốc hội bấm nút biểu quyết','Các đại biểu bấm nút thông qua Luật Dữ liệu sáng 30/11.','Phạm Hải'),
  ('p','Luật gồm 5 chương, 46 điều, quy định về xây dựng, phát triển, bảo vệ, quản trị, xử lý và sử dụng dữ liệu số; Trung tâm dữ liệu quốc gia và Cơ sở dữ liệu tổng hợp quốc gia.'),
  ('h','Sàn dữ liệu do Nhà nước thành lập'),
  ('p','Theo luật, sàn dữ liệu là nơi cung cấp, trao đổi, giao dịch dữ liệu và sản phẩm, dịch vụ dữ liệu giữa các tổ chức, cá nhân. Sàn dữ liệu chỉ được thành lập bởi Nhà nước hoặc doanh nghiệp được cấp phép.'),
  ('ul',['Dữ liệu cốt lõi phải được lưu trữ tại Việt Nam;','Chuyển dữ liệu ra nước ngoài phải được đánh giá tác động;','Chủ thể dữ liệu có quyền được biết về việc xử lý dữ liệu của mình.']),
  ('p','Trước đó, Chủ nhiệm Ủy ban Khoa học, Công nghệ và Môi trường Lê Quang Huy đã trình bày báo cáo giải trình, tiếp thu, chỉnh lý dự thảo luật. Xem thêm [toàn văn báo cáo](/bao-cao-giai-trinh-luat-du-lieu-2384000.html) của Ủy ban.'),
 ]))

A.append(dict(slug='vietnamnet-giaoduc', layout='vietnamnet', host='vietnamnet.vn',
 path='/ha-noi-chot-phuong-an-thi-lop-10-nam-2025-2370456.html', section='Giáo dục', tags=['thi lớp 10','Hà Nội','tuyển sinh'],
 title='Hà Nội chốt phương án thi lớp 10 năm 2025 với 3 môn',
 lead='Sở GD-ĐT Hà Nội công bố kỳ thi vào lớp 10 công lập năm học 2025-2026 gồm ba môn Toán, Ngữ văn và Ngoại ngữ.',
 authors=[('Thúy Nga','Reporter')], byline='Phóng viên Thúy Nga', published='2025-03-03T16:20:00+07:00', visible_date='Thứ Hai, 03/03/2025 - 16:20',
 blocks=[
  ('p','Theo kế hoạch, kỳ thi diễn ra vào ngày 7 và 8/6. Thí sinh làm bài thi Ngữ văn và Toán theo hình thức tự luận, môn Ngoại ngữ thi trắc nghiệm.'),
  ('table',[['Môn thi','Thời gian làm bài','Hình thức'],['Ngữ văn','120 phút','Tự luận'],['Toán','120 phút','Tự luận'],['Ngoại ngữ','60 phút','Trắc nghiệm']]),
  ('p','Điểm xét tuyển là tổng điểm ba bài thi, trong đó Toán và Ngữ văn tính hệ số 2. Mỗi học sinh được đăng ký tối đa ba nguyện vọng vào các trường công lập.'),
  ('q','Việc công bố sớm giúp học sinh và phụ huynh chủ động ôn tập, tránh tâm lý hoang mang.'),
  ('p','Năm ngoái, Hà Nội có hơn 105.000 thí sinh dự thi vào lớp 10 công lập, tỷ lệ chọi trung bình khoảng 1,4.'),
 ]))

A.append(dict(slug='vietnamnet-kinhdoanh', layout='vietnamnet', host='vietnamnet.vn',
 path='/gia-xang-giam-lan-thu-ba-lien-tiep-2388001.html', section='Kinh doanh', tags=['giá xăng','xăng dầu'],
 title='Giá xăng giảm lần thứ ba liên tiếp, về mức thấp nhất 5 tháng',
 lead='Từ 15h chiều nay, giá xăng RON 95 giảm 410 đồng mỗi lít, xăng E5 RON 92 giảm 350 đồng.',
 authors=[('Tâm An',None),('Minh Khôi',None)], byline='Tâm An - Minh Khôi', published='2025-03-13T15:05:00+07:00', visible_date='Thứ Năm, 13/03/2025 - 15:05',
 blocks=[
  ('p','Sau điều chỉnh, giá xăng RON 95-III không cao hơn 20.150 đồng mỗi lít, xăng E5 RON 92 không cao hơn 19.480 đồng. Đây là mức thấp nhất kể từ tháng 10/2024.'),
  ('p','Giá dầu diesel giảm 260 đồng, còn 18.140 đồng mỗi lít; dầu hỏa giảm 300 đồng, còn 18.210 đồng mỗi lít.'),
  ('fig','2025/03/13/cay-xang.jpg','Người dân đổ xăng tại Hà Nội','Người dân đổ xăng tại một cửa hàng trên phố Láng Hạ.','Hoàng Hà'),
  ('p','Liên bộ Công Thương - Tài chính cho biết giá thành phẩm xăng dầu thế giới kỳ này giảm do lo ngại nhu cầu suy yếu. Kỳ này, cơ quan điều hành không trích lập và không chi Quỹ bình ổn giá.'),
 ]))

A.append(dict(slug='baochinhphu-chinhsach', layout='baochinhphu', host='baochinhphu.vn',
 path='/tang-luong-co-so-len-2-34-trieu-dong-102240630.htm', section='Chính sách mới', tags=['lương cơ sở','cải cách tiền lương'],
 title='Từ 1/7, lương cơ sở tăng lên 2,34 triệu đồng/tháng',
 lead='(Chinhphu.vn) - Chính phủ ban hành Nghị định quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang là 2,34 triệu đồng/tháng.',
 authors=[('Minh Hiển',None)], byline='Minh Hiển', trailing=True, published='2024-06-30T19:12:00+07:00', visible_date='30/06/2024 19:12',
 blocks=[
  ('p','Mức lương cơ sở mới cao hơn 30% so với mức 1,8 triệu đồng/tháng áp dụng từ ngày 1/7/2023. Nghị định có hiệu lực từ ngày 1/7/2024.'),
  ('p','Mức lương cơ sở dùng làm căn cứ tính mức lương trong các bảng lương, mức phụ cấp và thực hiện các chế độ khác theo quy định của pháp luật.'),
  ('h','Đối tượng áp dụng'),
  ('ol',['Cán bộ, công chức từ trung ương đến cấp huyện;','Cán bộ, công chức cấp xã;','Viên chức trong các đơn vị sự nghiệp công lập;','Sĩ quan, quân nhân chuyên nghiệp và công nhân công an.']),
  ('p','Các bộ, cơ quan ngang bộ và địa phương tiếp tục thực hiện các giải pháp tạo nguồn cải cách chính sách tiền lương theo quy định.'),
 ]))

A.append(dict(slug='baochinhphu-hoatdong', layout='baochinhphu', host='baochinhphu.vn',
 path='/thu-tuong-lam-viec-voi-tinh-ca-mau-102250315.htm', section='Hoạt động của lãnh đạo', tags=['Thủ tướng','Cà Mau','cao tốc'],
 title='Thủ tướng kiểm tra tiến độ cao tốc Cần Thơ - Cà Mau',
 lead='(Chinhphu.vn) - Chiều 15/3, Thủ tướng Chính phủ kiểm tra tiến độ dự án cao tốc Cần Thơ - Cà Mau và yêu cầu thông xe toàn tuyến trong năm 2025.',
 authors=[('Nhật Bắc','Photos'),('Đức Tuân','Reporter')], byline='Ảnh: Nhật Bắc - Bài: Đức Tuân', published='2025-03-15T18:40:00+07:00', visible_date='15/03/2025 18:40',
 blocks=[
  ('p','Dự án cao tốc Cần Thơ - Cà Mau dài hơn 110 km, đi qua ba địa phương Cần Thơ, Hậu Giang và Cà Mau, tổng mức đầu tư khoảng 27.500 tỷ đồng.'),
  ('fig','2025/3/15/thu-tuong-cao-toc.jpg','Thủ tướng kiểm tra công trường','Thủ tướng kiểm tra thi công đoạn qua huyện Thới Bình.','VGP/Nhật Bắc'),
  ('p','Tại công trường, Thủ tướng biểu dương các nhà thầu đã làm việc "3 ca, 4 kíp", vượt khó khăn về vật liệu cát đắp nền.'),
  ('yt','ct_camau2025'),
  ('p','Thủ tướng yêu cầu chủ đầu tư huy động thêm nhân lực, thiết bị, bảo đảm chất lượng và an toàn lao động.'),
 ]))

A.append(dict(slug='baochinhphu-thongcao', layout='baochinhphu', host='baochinhphu.vn',
 path='/thong-cao-bao-chi-phien-hop-chinh-phu-102250305.htm', section='Thời sự', tags=['phiên họp Chính phủ'],
 title='Thông cáo báo chí Phiên họp Chính phủ thường kỳ tháng 2/2025',
 lead='(Chinhphu.vn) - Văn phòng Chính phủ ra thông cáo báo chí về Phiên họp Chính phủ thường kỳ tháng 2/2025.',
 authors=[], byline=None, published='2025-03-05T21:30:00+07:00', visible_date='05/03/2025 21:30',
 blocks=[
  ('p','Ngày 5/3, Thủ tướng Chính phủ chủ trì Phiên họp Chính phủ thường kỳ tháng 2/2025 và Hội nghị trực tuyến của Chính phủ với các địa phương.'),
  ('p','Chính phủ đánh giá tình hình kinh tế - xã hội tháng 2 tiếp tục xu hướng tích cực; kinh tế vĩ mô ổn định, lạm phát được kiểm soát.'),
  ('h','Những kết quả nổi bật'),
  ('ul',['Chỉ số giá tiêu dùng bình quân hai tháng tăng 3,27%;','Tổng kim ngạch xuất nhập khẩu đạt 124,1 tỷ USD;','Khách quốc tế đến Việt Nam đạt gần 4 triệu lượt.']),
  ('p','Chính phủ yêu cầu các bộ, ngành, địa phương quyết tâm hoàn thành mục tiêu tăng trưởng 8% trở lên trong năm 2025.'),
 ]))

A.append(dict(slug='vnexpress-kinhdoanh', layout='vnexpress', host='vnexpress.net',
 path='/gia-vang-mieng-vuot-95-trieu-dong-4861500.html', section='Kinh doanh', tags=['giá vàng','vàng miếng SJC'],
 title='Giá vàng miếng vượt 95 triệu đồng mỗi lượng',
 lead='Vàng miếng SJC tăng thêm một triệu đồng, lên 95,1 triệu đồng mỗi lượng, theo đà đi lên của giá thế giới.',
 authors=[('Quỳnh Trang',None)], byline='Quỳnh Trang', trailing=True, published='2025-03-17T09:30:00+07:00', visible_date='Thứ hai, 17/3/2025, 09:30 (GMT+7)',
 blocks=[
  ('p','Sáng nay, Công ty Vàng bạc đá quý Sài Gòn (SJC) niêm yết giá vàng miếng ở mức 93,4 - 95,1 triệu đồng mỗi lượng (mua - bán), tăng một triệu đồng so với cuối tuần trước.'),
  ('fig','2025/03/17/vang-sjc.jpg','Vàng miếng SJC','Vàng miếng tại một cửa hàng ở TP HCM.','Quỳnh Trần'),
  ('p','Vàng nhẫn trơn 9999 cũng tăng 800.000 đồng, giao dịch quanh 94,5 triệu đồng mỗi lượng chiều bán ra.'),
  ('p','Trên thị trường quốc tế, giá vàng giao ngay đứng ở 2.995 USD một ounce, gần mức cao kỷ lục. Quy đổi theo tỷ giá, vàng thế giới tương đương 92,3 triệu đồng mỗi lượng.'),
 ]))

A.append(dict(slug='vnexpress-suckhoe', layout='vnexpress', host='vnexpress.net',
 path='/nguoi-dan-ong-nhoi-mau-co-tim-duoc-cuu-song-4861620.html', section='Sức khỏe', tags=['nhồi máu cơ tim','cấp cứu'],
 title='Người đàn ông nhồi máu cơ tim được cứu sống nhờ báo động đỏ',
 lead='Người đàn ông 58 tuổi ngừng tim trên đường đến viện, được các bác sĩ kích hoạt báo động đỏ, can thiệp mạch vành kịp thời.',
 authors=[('Lê Nga',None)], byline='Lê Nga', trailing=True, published='2025-03-17T14:02:00+07:00', visible_date='Thứ hai, 17/3/2025, 14:02 (GMT+7)',
 blocks=[
  ('p','Ông được gia đình đưa vào Bệnh viện Đa khoa Xanh Pôn trong tình trạng đau ngực dữ dội, vã mồ hôi. Trên đường đến khoa cấp cứu, bệnh nhân ngừng tuần hoàn.'),
  ('p','Bác sĩ Nguyễn Văn Hùng, khoa Tim mạch, cho biết êkíp đã ép tim, sốc điện ba lần rồi chuyển người bệnh lên phòng can thiệp. Động mạch vành phải bị tắc hoàn toàn.'),
  ('h','Dấu hiệu cần đi viện ngay'),
  ('ul',['Đau thắt ngực kéo dài trên 20 phút;','Khó thở, vã mồ hôi, buồn nôn;','Đau lan lên hàm, vai trái hoặc cánh tay.']),
  ('p','Sau hai ngày điều trị, bệnh nhân tỉnh táo, ăn uống được và dự kiến xuất viện cuối tuần này.'),
 ]))

A.append(dict(slug='tuoitre-thegioi', layout='tuoitre', host='tuoitre.vn',
 path='/nhat-ban-ghi-nhan-so-du-khach-ky-luc-20250316101500123.htm', section='Thế giới', tags=['Nhật Bản','du lịch'],
 title='Nhật Bản ghi nhận số du khách quốc tế kỷ lục trong tháng 2',
 lead='Hơn 3,2 triệu lượt khách quốc tế đã đến Nhật Bản trong tháng 2, mức cao nhất từng ghi nhận của tháng này.',
 authors=[('Bảo Anh','Reporter')], byline='Phóng viên Bảo Anh', published='2025-03-16T10:15:00+07:00', visible_date='16/03/2025 10:15 GMT+7',
 blocks=[
  ('p','Theo Tổ chức Xúc tiến du lịch quốc gia Nhật Bản (JNTO), lượng khách tháng 2 tăng 16,9% so với cùng kỳ năm ngoái, nhờ kỳ nghỉ Tết Nguyên đán của du khách châu Á.'),
  ('fig','2025/3/16/kyoto-du-khach.jpg','Du khách ở Kyoto','Du khách tham quan đền Fushimi Inari ở Kyoto.','Reuters'),
  ('p','Hàn Quốc tiếp tục dẫn đầu với 870.000 lượt khách, tiếp theo là Trung Quốc và Đài Loan. Lượng khách Việt Nam đạt gần 80.000 lượt.'),
  ('p','Chính phủ Nhật đặt mục tiêu đón 60 triệu lượt khách quốc tế mỗi năm vào năm 2030, đồng thời tìm cách giảm tình trạng quá tải du lịch ở các thành phố lớn.'),
 ]))

A.append(dict(slug='tuoitre-vanhoa', layout='tuoitre', host='tuoitre.vn',
 path='/phim-viet-dat-doanh-thu-tram-ty-20250310093000456.htm', section='Văn hóa', tags=['phim Việt','phòng vé'],
 title='Phim Việt cán mốc doanh thu trăm tỉ chỉ sau 10 ngày',
 lead='Bộ phim hài gia đình ra rạp dịp cuối tuần đầu tháng 3 đã thu về hơn 100 tỉ đồng, dẫn đầu phòng vé.',
 authors=[('Mai Thảo','Text and photos')], byline='Bài và ảnh: Mai Thảo', published='2025-03-10T09:30:00+07:00', visible_date='10/03/2025 09:30 GMT+7',
 blocks=[
  ('p','Theo số liệu của đơn vị thống kê phòng vé độc lập, phim bán được hơn 1,1 triệu vé, trung bình mỗi ngày có gần 4.000 suất chiếu trên toàn quốc.'),
  ('p','Đạo diễn cho biết ê-kíp mất hai năm phát triển kịch bản, quay tại Huế và Đà Nẵng trong 45 ngày.'),
  ('q','Tôi muốn làm một bộ phim mà cả ba thế hệ trong gia đình có thể cùng xem và cùng cười.'),
  ('fig','2025/3/10/phim-viet-hau-truong.jpg','Hậu trường phim','Đoàn phim ghi hình tại một ngôi nhà rường ở Huế.','Mai Thảo'),
  ('p','Thành công của phim tiếp nối xu hướng khán giả trong nước ngày càng ưu tiên phim Việt, sau năm 2024 có nhiều tác phẩm vượt mốc trăm tỉ.'),
 ]))

A.append(dict(slug='thanhnien-thoisu', layout='thanhnien', host='thanhnien.vn',
 path='/tphcm-mo-rong-duong-vanh-dai-2-185250314.htm', section='Thời sự', tags=['TP.HCM','vành đai 2','giao thông'],
 title='TP.HCM khởi công 3 đoạn cuối đường Vành đai 2',
 lead='Sáng 14/3, TP.HCM khởi công ba dự án thành phần để khép kín đường Vành đai 2 dài 64 km, tổng vốn hơn 16.000 tỉ đồng.',
 authors=[('Đình Tuấn',None),('Gia Hân',None)], byline='Đình Tuấn - Gia Hân', published='2025-03-14T11:20:00+07:00', visible_date='14/03/2025 11:20 GMT+07:00',
 blocks=[
  ('p','Ba đoạn được khởi công gồm đoạn 1 từ nút giao Phú Hữu đến đường Võ Nguyên Giáp, đoạn 2 đến cầu Gò Dưa và đoạn 3 đến Quốc lộ 1.'),
  ('fig','2025/3/14/vanh-dai-2.jpg','Lễ khởi công Vành đai 2','Lãnh đạo TP.HCM bấm nút khởi công sáng 14/3.','Độc Lập'),
  ('p','Theo Ban Quản lý dự án đầu tư xây dựng các công trình giao thông, các đoạn này phải hoàn thành trong năm 2026 để khép kín toàn tuyến.'),
  ('h','Giải phóng mặt bằng là điểm nghẽn'),
  ('p','Hiện TP.Thủ Đức đã bàn giao hơn 90% mặt bằng. Những hộ dân còn lại được vận động nhận tiền bồi thường trong tháng 4.'),
 ]))

A.append(dict(slug='thanhnien-thethao', layout='thanhnien', host='thanhnien.vn',
 path='/doi-tuyen-viet-nam-thang-lao-185250325.htm', section='Thể thao', tags=['đội tuyển Việt Nam','vòng loại Asian Cup'],
 title='Đội tuyển Việt Nam thắng Lào 5-0 ở vòng loại Asian Cup',
 lead='Hai bàn của Tiến Linh cùng các pha lập công của Xuân Son giúp thầy trò HLV Kim Sang-sik khởi đầu thuận lợi.',
 authors=[('Hồng Nam','Reporter')], byline='PV Hồng Nam', published='2025-03-25T21:55:00+07:00', visible_date='25/03/2025 21:55 GMT+07:00',
 blocks=[
  ('p','Trên sân Gò Đậu, đội tuyển Việt Nam áp đảo hoàn toàn và mở tỷ số ngay phút thứ 8 sau cú đánh đầu của Tiến Linh.'),
  ('p','Sang hiệp hai, Xuân Son ghi hai bàn, Hai Long và Tiến Linh góp thêm mỗi người một bàn, khép lại chiến thắng 5-0.'),
  ('yt','vietnam_lao_2025'),
  ('p','Với kết quả này, Việt Nam tạm dẫn đầu bảng F. Trận tiếp theo, đội sẽ làm khách trên sân của Malaysia vào tháng 6.'),
 ]))

A.append(dict(slug='dantri-xahoi', layout='dantri', host='dantri.com.vn',
 path='/xa-hoi/ha-noi-cam-xe-phuc-vu-le-dieu-binh-20250420080000111.htm', section='Xã hội', tags=['Hà Nội','phân luồng giao thông'],
 title='Hà Nội cấm nhiều tuyến phố phục vụ tổng duyệt diễu binh',
 lead='(Dân trí) - Công an Hà Nội cấm các phương tiện lưu thông qua nhiều tuyến phố quanh Quảng trường Ba Đình từ 5h đến 11h ngày 20/4.',
 authors=[('Phạm Thanh','Reporter')], byline='Phóng viên Phạm Thanh', published='2025-04-20T08:00:00+07:00', visible_date='Chủ nhật, 20/04/2025 - 08:00',
 blocks=[
  ('p','Các tuyến phố bị cấm gồm Hùng Vương, Điện Biên Phủ, Lê Hồng Phong, Chu Văn An và Nguyễn Thái Học. Người dân được khuyến cáo đi theo các tuyến tránh.'),
  ('fig','2025/04/20/phan-luong.jpg','Sơ đồ phân luồng','Sơ đồ phân luồng giao thông quanh Quảng trường Ba Đình.','Công an Hà Nội'),
  ('p','Lực lượng cảnh sát giao thông bố trí hơn 500 cán bộ, chiến sĩ tại các nút giao để hướng dẫn phương tiện.'),
  ('p','Xe buýt các tuyến 09, 18 và 33 cũng được điều chỉnh lộ trình trong thời gian cấm đường.'),
 ]))

A.append(dict(slug='dantri-kinhdoanh', layout='dantri', host='dantri.com.vn',
 path='/kinh-doanh/xuat-khau-sau-rieng-lao-doc-20250318170500222.htm', section='Kinh doanh', tags=['sầu riêng','xuất khẩu nông sản'],
 title='Xuất khẩu sầu riêng lao dốc 80% vì kiểm tra chất vàng O',
 lead='(Dân trí) - Kim ngạch xuất khẩu sầu riêng hai tháng đầu năm chỉ đạt 49 triệu USD, giảm hơn 80% so với cùng kỳ.',
 authors=[('Nguyễn Tuyết',None)], byline='Nguyễn Tuyết', published='2025-03-18T17:05:00+07:00', visible_date='Thứ ba, 18/03/2025 - 17:05',
 blocks=[
  ('p','Nguyên nhân chính là phía Trung Quốc tăng cường kiểm tra cadimi và chất vàng O đối với sầu riêng nhập khẩu, khiến nhiều lô hàng bị trả về.'),
  ('p','Theo Hiệp hội Rau quả Việt Nam, hiện cả nước chỉ có khoảng 10 phòng thí nghiệm đủ điều kiện kiểm nghiệm, không đáp ứng được nhu cầu mùa vụ.'),
  ('fig','2025/03/18/sau-rieng.jpg','Sầu riêng chờ xuất khẩu','Sầu riêng được đóng thùng tại một kho ở Tiền Giang.','Minh Hòa'),
  ('p','Các doanh nghiệp kiến nghị Bộ Nông nghiệp sớm chỉ định thêm phòng thí nghiệm và đàm phán với phía Trung Quốc về thủ tục kiểm tra.'),
 ]))

A.append(dict(slug='nld-phapluat', layout='nld', host='nld.com.vn',
 path='/khoi-to-nhom-lua-dao-dau-tu-tien-ao-196250312.htm', section='Pháp luật', tags=['lừa đảo','tiền ảo'],
 title='Khởi tố nhóm lừa đảo đầu tư tiền ảo chiếm đoạt 200 tỉ đồng',
 lead='(NLĐO) - Công an TP.HCM khởi tố 12 bị can lập sàn giao dịch tiền ảo giả, chiếm đoạt tiền của hơn 3.000 nhà đầu tư.',
 authors=[('Nguyễn Lê',None)], byline='Nguyễn Lê', published='2025-03-12T13:45:00+07:00', visible_date='12/03/2025 13:45',
 blocks=[
  ('p','Theo cơ quan điều tra, từ năm 2022, nhóm này lập sàn giao dịch trực tuyến, quảng cáo lợi nhuận 3% mỗi ngày để thu hút người tham gia.'),
  ('p','Khi số tiền nạp vào đủ lớn, nhóm khóa tài khoản của nhà đầu tư rồi đổi tên sàn, tiếp tục lôi kéo người mới.'),
  ('q','Người dân cần cảnh giác với lời mời đầu tư cam kết lợi nhuận cao bất thường.'),
  ('p','Vụ án đang được mở rộng điều tra. Công an đề nghị các bị hại liên hệ Phòng Cảnh sát kinh tế để được hướng dẫn.'),
 ]))

A.append(dict(slug='vov-quocte', layout='vov', host='vov.vn',
 path='/the-gioi/eu-thong-qua-goi-tai-vu-trang-1145000.vov', section='Thế giới', tags=['EU','quốc phòng châu Âu'],
 title='EU thông qua kế hoạch tái vũ trang trị giá 800 tỉ euro',
 lead='VOV.VN - Lãnh đạo 27 nước EU nhất trí kế hoạch huy động tới 800 tỉ euro để tăng cường năng lực quốc phòng.',
 authors=[('Hoài Phương','Compiled by')], byline='Tổng hợp: Hoài Phương', published='2025-03-07T06:30:00+07:00', visible_date='Thứ Sáu, 06:30, 07/03/2025',
 blocks=[
  ('p','Tại hội nghị thượng đỉnh đặc biệt ở Brussels, các nhà lãnh đạo ủng hộ đề xuất của Ủy ban châu Âu cho phép nới lỏng quy định ngân sách đối với chi tiêu quốc phòng.'),
  ('fig','2025/3/7/eu-summit.jpg','Hội nghị thượng đỉnh EU','Các nhà lãnh đạo EU tại hội nghị ở Brussels ngày 6/3.','AFP'),
  ('p','Kế hoạch gồm khoản vay 150 tỉ euro từ ngân sách chung và cơ chế cho phép các nước thành viên tăng chi quốc phòng mà không vi phạm trần thâm hụt.'),
  ('p','Chủ tịch Ủy ban châu Âu gọi đây là "thời khắc quyết định" đối với an ninh của châu lục.'),
 ]))

A.append(dict(slug='tienphong-giaoduc', layout='tienphong', host='tienphong.vn',
 path='/bo-gd-dt-cong-bo-de-thi-minh-hoa-2025-post1700123.tpo', section='Giáo dục', tags=['thi tốt nghiệp THPT','đề minh họa'],
 title='Bộ GD-ĐT công bố đề minh họa thi tốt nghiệp THPT 2025',
 lead='TPO - Đề minh họa được công bố sớm để giáo viên, học sinh làm quen với định dạng đề thi theo chương trình mới.',
 authors=[('Ngọc Châu','Reporter'),('Thu Hà','Reporter')], byline='Phóng viên Ngọc Châu - Thu Hà', published='2024-12-29T10:00:00+07:00', visible_date='29/12/2024 | 10:00',
 blocks=[
  ('p','Theo Bộ GD-ĐT, đề thi năm 2025 có ba dạng câu hỏi trắc nghiệm: nhiều lựa chọn, đúng sai và trả lời ngắn. Môn Ngữ văn thi tự luận.'),
  ('p','Thí sinh thi bắt buộc Toán, Ngữ văn và hai môn tự chọn trong số các môn học ở lớp 12.'),
  ('h','Thời gian làm bài'),
  ('table',[['Bài thi','Thời gian'],['Ngữ văn','120 phút'],['Toán','90 phút'],['Môn tự chọn','50 phút mỗi môn']]),
  ('p','Kỳ thi dự kiến diễn ra vào ngày 26 và 27/6/2025.'),
 ]))

A.append(dict(slug='qdnd-quocphong', layout='qdnd', host='www.qdnd.vn',
 path='/quoc-phong-an-ninh/dien-tap-khu-vuc-phong-thu-820123', section='Quốc phòng - An ninh', tags=['diễn tập','khu vực phòng thủ'],
 title='Tỉnh Quảng Ninh diễn tập khu vực phòng thủ năm 2025',
 lead='Cuộc diễn tập nhằm nâng cao năng lực lãnh đạo, chỉ huy của cấp ủy, chính quyền trong xử trí các tình huống quốc phòng, an ninh.',
 authors=[('Trần Hùng','Text and photos')], byline='Bài, ảnh: Trần Hùng', published='2025-03-20T18:45:00+07:00', visible_date='Thứ Năm, 20/03/2025 | 18:45',
 blocks=[
  ('p','Cuộc diễn tập diễn ra trong ba ngày với sự tham gia của hơn 1.500 cán bộ, chiến sĩ lực lượng vũ trang và dân quân tự vệ.'),
  ('fig','2025/3/20/dien-tap.jpg','Lực lượng dân quân diễn tập','Lực lượng dân quân thực hành bắn đạn thật.','Trần Hùng'),
  ('p','Các tình huống được xây dựng sát thực tế, gồm phòng chống thiên tai, bảo vệ mục tiêu trọng yếu và chuyển địa phương vào trạng thái chiến tranh.'),
  ('p','Kết thúc diễn tập, Bộ Tư lệnh Quân khu 3 đánh giá cuộc diễn tập đạt loại giỏi, bảo đảm an toàn tuyệt đối.'),
 ]))

A.append(dict(slug='kenh14-doisong', layout='kenh14', host='kenh14.vn',
 path='/gioi-tre-san-ve-concert-215250310.chn', section='Đời sống', tags=['concert','giới trẻ'],
 title='Giới trẻ thức trắng săn vé concert, hệ thống bán vé quá tải',
 lead='Chỉ trong 15 phút mở bán, hơn 40.000 vé concert tại sân vận động Mỹ Đình đã được bán hết.',
 authors=[('Hà My',None)], byline='Hà My', published='2025-03-10T19:30:00+07:00', visible_date='10/03/2025 19:30',
 blocks=[
  ('p','Từ 0h, hàng trăm nghìn người đã xếp hàng trực tuyến. Nhiều bạn trẻ cho biết phải dùng cùng lúc ba thiết bị nhưng vẫn không mua được vé.'),
  ('fig','2025/3/10/hang-cho.jpg','Màn hình xếp hàng mua vé','Màn hình hàng chờ trực tuyến lúc 0h05.','Chụp màn hình'),
  ('fig','2025/3/10/my-dinh.jpg','Sân vận động Mỹ Đình','Sân vận động Mỹ Đình sẽ là nơi tổ chức concert.','Hà My'),
  ('tw','https://twitter.com/fanclubvn/status/1899000000000000001','Không mua được vé nào dù đã canh từ 23h!'),
  ('p','Ban tổ chức cho biết sẽ mở thêm một đêm diễn do nhu cầu quá lớn, đồng thời cảnh báo người hâm mộ tránh mua vé chợ đen.'),
 ]))

A.append(dict(slug='sggp-xahoi', layout='sggp', host='www.sggp.org.vn',
 path='/tphcm-them-4-tuyen-xe-buyt-dien-post780123.html', section='Xã hội', tags=['xe buýt điện','TPHCM'],
 title='TPHCM đưa vào hoạt động thêm 4 tuyến xe buýt điện',
 lead='SGGPO - Từ ngày 1/4, TPHCM đưa vào khai thác thêm 4 tuyến xe buýt sử dụng điện, nâng tổng số tuyến buýt điện lên 17 tuyến.',
 authors=[('THANH HẢI',None)], byline='THANH HẢI', published='2025-03-28T16:10:00+07:00', visible_date='Thứ Sáu, 28/3/2025 16:10',
 blocks=[
  ('p','Các tuyến mới kết nối trung tâm thành phố với TP Thủ Đức, huyện Bình Chánh và huyện Nhà Bè, tần suất 15 đến 20 phút mỗi chuyến.'),
  ('p','Giá vé được giữ nguyên như xe buýt thông thường: 6.000 đồng mỗi lượt, học sinh sinh viên 3.000 đồng.'),
  ('fig','2025/3/28/xe-buyt-dien.jpg','Xe buýt điện','Xe buýt điện chạy thử nghiệm trên đường Nguyễn Huệ.','Hoàng Hùng'),
  ('p','Sở Giao thông vận tải TPHCM đặt mục tiêu đến năm 2030, 100% xe buýt thay mới sử dụng điện hoặc năng lượng xanh.'),
 ]))
