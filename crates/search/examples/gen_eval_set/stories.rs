//! Running stories, written by hand: follow-ups over several days, and
//! stories that share places (Hà Nội, TP.HCM) or actors (Chính phủ) with
//! unrelated ones.

use crate::{Story, A};

/// The multi-article stories.
pub const STORIES: &[Story] = &[
    Story {
        key: "lu-quang-ngai",
        section: "thoi-su",
        background: &[
            "Từ cuối tháng 10, các tỉnh Nam Trung Bộ hứng chịu nhiều đợt mưa lớn liên tiếp do ảnh hưởng của không khí lạnh kết hợp nhiễu động gió đông. Lượng mưa tích lũy tại một số trạm ở Quảng Ngãi đã vượt 1.200 mm.",
            "Sông Trà Khúc và sông Vệ là hai con sông lớn nhất Quảng Ngãi, thường lên nhanh khi mưa lớn ở thượng nguồn các huyện miền núi Sơn Hà, Ba Tơ.",
        ],
        articles: &[
            A { at: (0, 6, 30), publisher: 0, byline: "Phạm Thanh Tùng", title: "Mưa như trút nước, nhiều xã ở Quảng Ngãi bị ngập sâu", lead: "Mưa lớn kéo dài từ đêm qua khiến nước sông Trà Khúc dâng nhanh, hàng trăm ngôi nhà ở vùng trũng Quảng Ngãi bị ngập đến nửa mét.", body: &[
                "Tại xã Nghĩa Hà, nước tràn qua đường liên thôn từ 3 giờ sáng. Người dân phải kê cao đồ đạc, di chuyển gia súc lên gò đất cao. Chính quyền xã huy động dân quân và xuồng máy túc trực ở những điểm xung yếu.",
                "Ban chỉ huy phòng chống thiên tai tỉnh Quảng Ngãi yêu cầu các địa phương ven sông Trà Khúc, sông Vệ tổ chức sơ tán người già, trẻ em khỏi khu vực nguy hiểm trước 17 giờ chiều nay.",
            ], copy: Some((3, 95, "Quảng Ngãi: mưa như trút nước, nhiều xã ngập sâu", "Theo TTXVN")) },
            A { at: (0, 19, 10), publisher: 1, byline: "Nhóm PV", title: "Quảng Ngãi sơ tán hơn 3.000 dân khỏi vùng lũ sông Trà Khúc", lead: "Đến chiều tối, lũ trên sông Trà Khúc vượt báo động 3, tỉnh Quảng Ngãi đã di dời hơn 3.000 người dân đến nơi an toàn.", body: &[
                "Các điểm trường, nhà văn hóa thôn được dùng làm nơi tránh trú. Lực lượng quân đội và công an hỗ trợ người dân khuân vác đồ đạc, phát mì tôm và nước uống cho các hộ phải rời nhà.",
                "Ông Nguyễn Văn Phước, Phó Chủ tịch UBND tỉnh Quảng Ngãi, cho biết tỉnh kiên quyết không để người dân ở lại những ngôi nhà đã bị nước lũ bao vây.",
            ], copy: None },
            A { at: (1, 8, 0), publisher: 0, byline: "Phạm Thanh Tùng - Lê Hoài Nam", title: "Lũ sông Trà Khúc lên đỉnh, Quốc lộ 24 sạt lở nghiêm trọng", lead: "Đỉnh lũ trên sông Trà Khúc đạt 7,8 m vào rạng sáng, cao hơn mức lũ lịch sử năm 2009; Quốc lộ 24 lên Kon Tum bị sạt lở nhiều đoạn.", body: &[
                "Hàng nghìn khối đất đá đổ xuống mặt đường đoạn qua đèo Violắc khiến giao thông tê liệt. Đơn vị quản lý đường bộ đã đưa máy xúc đến hiện trường nhưng mưa vẫn chưa ngớt nên việc thông tuyến gặp khó.",
                "Ở thành phố Quảng Ngãi, nhiều tuyến phố gần bờ sông chìm trong nước. Điện lực tạm cắt điện một số khu dân cư để bảo đảm an toàn.",
            ], copy: None },
            A { at: (2, 10, 15), publisher: 2, byline: "Theo TTXVN", title: "Nước lũ rút chậm, Quảng Ngãi thống kê thiệt hại ban đầu", lead: "Mưa đã ngớt nhưng nước rút chậm, Quảng Ngãi ghi nhận 4 người chết, hơn 12.000 ngôi nhà bị ngập và hàng nghìn héc-ta hoa màu bị vùi lấp.", body: &[
                "Theo báo cáo nhanh, thiệt hại ước tính hơn 800 tỷ đồng. Nhiều tuyến kênh mương nội đồng bị bồi lấp, hệ thống cấp nước sinh hoạt ở huyện Tư Nghĩa ngừng hoạt động.",
                "Ngành y tế tỉnh triển khai các đội cơ động phun hóa chất khử khuẩn, phát thuốc Cloramin B để người dân xử lý nước giếng sau lũ.",
            ], copy: None },
            A { at: (3, 15, 40), publisher: 0, byline: "Lê Hoài Nam", title: "Học sinh vùng lũ Quảng Ngãi trở lại trường trong bùn non", lead: "Sau ba ngày nghỉ vì lũ, hơn 40.000 học sinh ở Quảng Ngãi đi học lại dù nhiều lớp học vẫn còn ngổn ngang bùn đất.", body: &[
                "Tại Trường tiểu học Nghĩa Hà, giáo viên và phụ huynh thức dậy từ sớm để xúc bùn, lau bàn ghế. Sách vở của nhiều em bị ướt, nhà trường kêu gọi các nhà hảo tâm hỗ trợ sách giáo khoa.",
                "Sở Giáo dục và Đào tạo Quảng Ngãi cho phép các trường bị ảnh hưởng nặng điều chỉnh kế hoạch dạy học, dạy bù vào các ngày thứ bảy.",
            ], copy: None },
            A { at: (4, 18, 5), publisher: 1, byline: "PV Hoàng Long (Theo VnExpress)", title: "Thủ tướng quyết định hỗ trợ 300 tỷ đồng cho Quảng Ngãi khắc phục hậu quả lũ", lead: "Thủ tướng Chính phủ quyết định hỗ trợ khẩn cấp 300 tỷ đồng từ ngân sách trung ương để Quảng Ngãi sửa chữa đường sá, trường học bị lũ tàn phá.", body: &[
                "Số tiền này được dùng để khôi phục Quốc lộ 24, các trường học bị hư hỏng và hệ thống thủy lợi phục vụ vụ đông xuân. Bộ Tài chính được giao hướng dẫn tỉnh sử dụng kinh phí đúng mục đích.",
                "Trước đó, đoàn công tác của Chính phủ đã đến thăm hỏi các gia đình có người chết trong lũ ở huyện Sơn Hà và Tư Nghĩa.",
            ], copy: Some((2, 130, "Hỗ trợ khẩn cấp 300 tỷ đồng giúp Quảng Ngãi khắc phục hậu quả lũ", "Theo TTXVN")) },
        ],
    },
    Story {
        key: "metro-nhon-ga-ha-noi",
        section: "thoi-su",
        background: &[
            "Tuyến đường sắt đô thị Nhổn - ga Hà Nội dài 12,5 km, gồm 8,5 km đi trên cao và 4 km đi ngầm với 4 ga ngầm: Kim Mã, Cát Linh, Văn Miếu, ga Hà Nội.",
            "Đoạn trên cao của tuyến metro số 3 từ Nhổn đến Cầu Giấy đã đón khách từ tháng 8/2024, trung bình mỗi ngày phục vụ khoảng 20.000 lượt hành khách.",
        ],
        articles: &[
            A { at: (0, 9, 20), publisher: 0, byline: "Đỗ Minh Châu", title: "Robot đào hầm metro Nhổn - ga Hà Nội về đích ga Kim Mã", lead: "Sau gần hai năm đào dưới lòng đất, robot khoan ngầm thứ hai của tuyến metro Nhổn - ga Hà Nội đã phá tường về ga Kim Mã.", body: &[
                "Robot mang tên Tô Lịch nặng khoảng 850 tấn, đã đào xong 4 km đường hầm chiều đi. Ban Quản lý đường sắt đô thị Hà Nội cho biết tiến độ phần ngầm hiện đạt khoảng 75%.",
                "Trong quá trình thi công, nhà thầu phải xử lý nhiều đoạn đất yếu gần hồ Văn Miếu, có thời điểm robot chỉ tiến được vài mét mỗi ngày.",
            ], copy: None },
            A { at: (3, 14, 0), publisher: 3, byline: "Đỗ Minh Châu", title: "Metro Nhổn - ga Hà Nội lùi thời hạn vận hành đoạn ngầm sang năm 2027", lead: "Ban Quản lý đường sắt đô thị Hà Nội đề xuất lùi mốc vận hành đoạn đi ngầm của tuyến metro số 3 sang cuối năm 2027 do vướng mặt bằng ga Hà Nội.", body: &[
                "Khu vực ga ngầm S12 trước ga Hà Nội vẫn còn 29 hộ dân chưa bàn giao đất. Việc di dời đường ống cấp nước và cáp ngầm trên phố Lê Duẩn cũng chậm hơn kế hoạch.",
                "Tổng mức đầu tư của dự án đã tăng lên hơn 34.800 tỷ đồng, và thành phố phải đàm phán lại với các nhà tài trợ châu Âu về thời hạn giải ngân vốn vay.",
            ], copy: None },
            A { at: (9, 10, 30), publisher: 0, byline: "Minh Châu", title: "Hà Nội cam kết bàn giao mặt bằng ga ngầm S12 trong quý I năm sau", lead: "Lãnh đạo quận Đống Đa cam kết bàn giao toàn bộ mặt bằng ga ngầm S12 của tuyến metro Nhổn - ga Hà Nội trước tháng 3 năm sau.", body: &[
                "Quận đã hoàn thành phương án bồi thường cho 29 hộ dân, trong đó 18 hộ đồng ý nhận tái định cư tại khu đô thị Việt Hưng. Các hộ còn lại đang được vận động.",
                "Nhà thầu cho biết nếu có mặt bằng đúng hạn, robot đào hầm có thể đào tiếp chiều về và hoàn thành kết cấu ga trong năm 2026.",
            ], copy: None },
            A { at: (12, 16, 45), publisher: 1, byline: "Nhóm phóng viên Đô thị", title: "Cận cảnh ga ngầm Văn Miếu của tuyến metro số 3", lead: "Ga ngầm Văn Miếu sâu gần 20 m dưới lòng đất đã hoàn thành phần kết cấu, đang lắp đặt thang cuốn và hệ thống thông gió.", body: &[
                "Nhà ga có ba tầng, tầng trên cùng là sảnh bán vé, hai tầng dưới là sân ga. Kiến trúc mái vòm lấy cảm hứng từ Khuê Văn Các, biểu tượng của Hà Nội.",
                "Theo Ban Quản lý đường sắt đô thị, các ga ngầm của tuyến metro Nhổn - ga Hà Nội sẽ có cửa chắn sân ga để bảo đảm an toàn cho hành khách.",
            ], copy: None },
        ],
    },
    Story {
        key: "o-nhiem-khong-khi-ha-noi",
        section: "thoi-su",
        background: &[
            "Mùa đông, hiện tượng nghịch nhiệt khiến bụi mịn bị giữ lại sát mặt đất. Nguồn phát thải chính ở Hà Nội là giao thông, xây dựng, đốt rơm rạ ở các tỉnh lân cận và sản xuất công nghiệp.",
            "Bụi PM2.5 có kích thước nhỏ hơn 2,5 micromet, có thể đi sâu vào phổi và máu. Tổ chức Y tế Thế giới khuyến cáo nồng độ trung bình năm không nên vượt 5 µg/m³.",
        ],
        articles: &[
            A { at: (1, 7, 45), publisher: 1, byline: "Thu Hằng", title: "Bầu trời Hà Nội mù mịt, chỉ số chất lượng không khí ở mức xấu", lead: "Sáng nay nhiều trạm quan trắc ở Hà Nội ghi nhận chỉ số chất lượng không khí (AQI) trên 200, mức rất có hại cho sức khỏe.", body: &[
                "Tại Cầu Giấy, Hoàn Kiếm và Long Biên, các tòa nhà cao tầng chìm trong lớp sương mờ đục. Người đi đường phải đeo khẩu trang dày, nhiều phụ huynh cho con nghỉ tập thể dục buổi sáng ngoài trời.",
                "Trung tâm Quan trắc môi trường miền Bắc dự báo tình trạng ô nhiễm bụi mịn PM2.5 còn kéo dài đến cuối tuần do trời lặng gió.",
            ], copy: None },
            A { at: (2, 20, 0), publisher: 0, byline: "Nguyễn Thu Hằng - Vũ Đức Anh", title: "Vì sao không khí Hà Nội ô nhiễm nặng vào đầu mùa đông?", lead: "Các chuyên gia môi trường chỉ ra ba nguyên nhân khiến bụi mịn PM2.5 ở Hà Nội tăng vọt mỗi khi gió mùa đông bắc chưa về.", body: &[
                "Theo PGS Hoàng Xuân Cơ, khí thải của gần 8 triệu xe máy và hàng trăm công trình xây dựng là nguồn bụi lớn nhất. Khi không có gió, bụi không khuếch tán được mà tích tụ trong lớp không khí sát mặt đất.",
                "Các chuyên gia đề nghị thành phố sớm công bố lộ trình kiểm soát khí thải xe máy và xử phạt nghiêm các công trình để đất cát rơi vãi.",
            ], copy: None },
            A { at: (5, 11, 30), publisher: 3, byline: "Theo TTXVN", title: "Hà Nội ra văn bản khẩn về giảm bụi mịn, hạn chế đốt rơm rạ", lead: "UBND thành phố Hà Nội yêu cầu các quận, huyện tăng tưới rửa đường, xử lý nghiêm việc đốt rơm rạ và rác thải ngoài trời khi ô nhiễm không khí ở mức cao.", body: &[
                "Văn bản nêu rõ khi chỉ số AQI vượt 200, các trường học cần hạn chế hoạt động ngoài trời, người dân được khuyến cáo đóng cửa sổ và sử dụng máy lọc không khí.",
                "Sở Tài nguyên và Môi trường Hà Nội sẽ gửi cảnh báo chất lượng không khí qua ứng dụng iHanoi hằng ngày.",
            ], copy: None },
            A { at: (11, 8, 10), publisher: 1, byline: "Thu Hằng", title: "Gió mùa về, không khí Hà Nội cải thiện rõ rệt", lead: "Đợt gió mùa đông bắc tràn về đêm qua đã thổi tan lớp bụi mịn, chỉ số AQI ở Hà Nội giảm xuống mức trung bình sau gần hai tuần ô nhiễm.", body: &[
                "Nhiều người dân tranh thủ đi bộ quanh hồ Gươm, hồ Tây khi bầu trời trong xanh trở lại. Tuy vậy, các chuyên gia cảnh báo bụi mịn sẽ quay lại khi gió suy yếu.",
            ], copy: None },
        ],
    },
    Story {
        key: "trieu-cuong-tphcm",
        section: "thoi-su",
        background: &[
            "Mỗi năm TP.HCM có các đợt triều cường cao vào tháng 10 và tháng 11 âm lịch. Các khu vực thấp trũng như Thủ Đức, Bình Thạnh, Quận 7 và Nhà Bè thường bị ngập khi triều lên.",
        ],
        articles: &[
            A { at: (4, 17, 30), publisher: 1, byline: "Ngọc Hân", title: "Triều cường vượt báo động 3, nhiều tuyến đường TP.HCM ngập sâu", lead: "Đỉnh triều tại trạm Phú An đạt 1,78 m, vượt báo động 3, khiến hàng loạt tuyến đường ở Thủ Đức, Bình Thạnh ngập nửa bánh xe.", body: &[
                "Đường Kha Vạn Cân, Quốc Hương, Thanh Đa biến thành sông vào giờ tan tầm. Nhiều xe máy chết máy giữa dòng nước, người dân phải dắt bộ hàng trăm mét.",
                "Đài Khí tượng thủy văn Nam Bộ dự báo triều cường còn lên cao trong ba ngày tới.",
            ], copy: None },
            A { at: (5, 18, 15), publisher: 2, byline: "Ngọc Hân - Minh Quân", title: "Đỉnh triều lịch sử, người dân Thủ Đức dựng bờ bao chống ngập", lead: "Triều cường tiếp tục phá kỷ lục với mức 1,8 m tại trạm Phú An, người dân ven sông Sài Gòn phải chất bao cát, xây bờ bao tạm quanh nhà.", body: &[
                "Ở phường Hiệp Bình, nước tràn qua bờ kè vào khu dân cư. Nhiều cửa hàng phải đóng cửa sớm, hàng hóa được kê lên cao.",
                "Lãnh đạo Sở Xây dựng TP.HCM cho biết dự án chống ngập do triều 10.000 tỷ đồng đã hoàn thành gần 98% nhưng chưa thể vận hành các cống kiểm soát triều.",
            ], copy: None },
            A { at: (8, 9, 0), publisher: 1, byline: "Minh Quân", title: "Vì sao dự án chống ngập 10.000 tỷ ở TP.HCM vẫn chưa vận hành?", lead: "Sau nhiều năm thi công, dự án chống ngập do triều cường ở TP.HCM vẫn chưa thể đóng cống Phú Xuân, Mương Chuối dù triều liên tục lập kỷ lục.", body: &[
                "Nhà đầu tư cho biết còn vướng thủ tục nghiệm thu và cơ chế thanh toán. Các chuyên gia thủy lợi cho rằng nếu cống vận hành, phần lớn khu vực trung tâm sẽ thoát ngập khi triều cường lên cao.",
            ], copy: None },
        ],
    },
    Story {
        key: "gia-vang",
        section: "kinh-te",
        background: &[
            "Giá vàng thế giới đã tăng hơn 50% từ đầu năm nhờ các ngân hàng trung ương mua ròng và kỳ vọng Cục Dự trữ liên bang Mỹ (Fed) hạ lãi suất.",
            "Chênh lệch giữa giá vàng miếng SJC trong nước và giá thế giới quy đổi thường xuyên ở mức 10-15 triệu đồng mỗi lượng.",
        ],
        articles: &[
            A { at: (0, 10, 0), publisher: 2, byline: "Hoài Thu", title: "Giá vàng miếng SJC lập đỉnh mới 152 triệu đồng mỗi lượng", lead: "Sáng nay các doanh nghiệp kinh doanh vàng điều chỉnh giá vàng miếng SJC lên 152 triệu đồng mỗi lượng bán ra, cao nhất từ trước tới nay.", body: &[
                "Giá vàng nhẫn trơn 9999 cũng tăng lên 149 triệu đồng mỗi lượng. Tại các cửa hàng trên phố Trần Nhân Tông, người mua xếp hàng từ sáng sớm nhưng nhiều nơi chỉ bán tối đa một lượng mỗi người.",
                "Trên thị trường quốc tế, giá vàng giao ngay vượt 4.100 USD mỗi ounce khi đồng USD suy yếu.",
            ], copy: Some((1, 45, "Vàng miếng SJC lên đỉnh mới 152 triệu đồng/lượng", "Hoài Thu (Theo Thời báo Cửu Long)")) },
            A { at: (1, 14, 20), publisher: 0, byline: "Trần Hải Yến", title: "Giá vàng quay đầu giảm mạnh, người mua đỉnh lỗ hàng triệu đồng", lead: "Chỉ sau một ngày lập kỷ lục, giá vàng miếng SJC giảm 3 triệu đồng mỗi lượng, chênh lệch mua bán bị nới rộng.", body: &[
                "Nhiều người mua vàng hôm qua với giá cao nhất nay nếu bán ra sẽ lỗ khoảng 5 triệu đồng mỗi lượng. Chuyên gia khuyến cáo nhà đầu tư cá nhân không nên chạy theo đám đông.",
            ], copy: None },
            A { at: (3, 9, 5), publisher: 2, byline: "Hoài Thu", title: "Ngân hàng Nhà nước kiểm tra các doanh nghiệp kinh doanh vàng", lead: "Ngân hàng Nhà nước thành lập đoàn kiểm tra hoạt động kinh doanh vàng tại các doanh nghiệp và cửa hàng lớn ở Hà Nội và TP.HCM.", body: &[
                "Đoàn kiểm tra tập trung vào việc xuất hóa đơn, niêm yết giá và nguồn gốc vàng nguyên liệu. Cơ quan quản lý cho biết sẽ xử lý nghiêm các trường hợp đầu cơ, thao túng giá vàng.",
                "Ngân hàng Nhà nước cũng đang hoàn thiện dự thảo sửa đổi Nghị định 24 về quản lý thị trường vàng, theo hướng bỏ cơ chế độc quyền vàng miếng.",
            ], copy: None },
            A { at: (7, 8, 40), publisher: 1, byline: "Gia Huy", title: "Giá vàng hôm nay: vàng nhẫn đứng yên, vàng thế giới đi ngang", lead: "Giá vàng nhẫn 9999 giữ ở mức 146 triệu đồng mỗi lượng, trong khi giá vàng thế giới đi ngang quanh 4.000 USD mỗi ounce chờ dữ liệu lạm phát Mỹ.", body: &[
                "Các nhà phân tích nhận định giá vàng đang tích lũy sau đợt tăng nóng. Nếu Fed phát tín hiệu hạ lãi suất trong tháng 12, giá kim loại quý có thể bật tăng trở lại.",
            ], copy: None },
            A { at: (13, 15, 0), publisher: 2, byline: "Hoài Thu - Gia Huy", title: "Sửa Nghị định 24: doanh nghiệp được nhập khẩu vàng nguyên liệu", lead: "Chính phủ ban hành nghị định sửa đổi quản lý thị trường vàng, cho phép doanh nghiệp và ngân hàng đủ điều kiện nhập khẩu vàng nguyên liệu để sản xuất vàng miếng.", body: &[
                "Quy định mới được kỳ vọng thu hẹp chênh lệch giữa giá vàng trong nước và thế giới. Ngân hàng Nhà nước sẽ cấp hạn ngạch nhập khẩu vàng hằng năm.",
                "Giao dịch mua bán vàng từ 20 triệu đồng trở lên phải thanh toán qua tài khoản ngân hàng.",
            ], copy: None },
        ],
    },
    Story {
        key: "giam-thue-vat",
        section: "kinh-te",
        background: &[
            "Chính sách giảm 2% thuế giá trị gia tăng (VAT) được áp dụng từ năm 2022 để kích cầu tiêu dùng, áp dụng với nhiều nhóm hàng hóa, dịch vụ đang chịu mức thuế 10%.",
        ],
        articles: &[
            A { at: (2, 13, 0), publisher: 3, byline: "Lâm Phương", title: "Chính phủ đề xuất kéo dài giảm 2% thuế VAT đến hết năm 2026", lead: "Chính phủ trình Quốc hội tiếp tục giảm thuế giá trị gia tăng từ 10% xuống 8% với nhiều nhóm hàng hóa, dịch vụ đến hết năm 2026.", body: &[
                "Theo Bộ Tài chính, chính sách này khiến ngân sách giảm thu khoảng 39.000 tỷ đồng mỗi sáu tháng nhưng giúp doanh nghiệp giảm giá bán, kích thích sức mua.",
                "Các nhóm không được giảm thuế gồm viễn thông, tài chính, ngân hàng, chứng khoán, bất động sản, kim loại và sản phẩm khai khoáng.",
            ], copy: None },
            A { at: (6, 10, 30), publisher: 0, byline: "Nguyễn Lâm Phương", title: "Đại biểu Quốc hội đồng tình kéo dài giảm thuế VAT", lead: "Thảo luận tại tổ, nhiều đại biểu Quốc hội ủng hộ tiếp tục giảm 2% thuế VAT nhưng đề nghị mở rộng cho cả nhóm hàng đang bị loại trừ.", body: &[
                "Đại biểu đoàn Bình Dương cho rằng sức mua vẫn yếu, doanh nghiệp nhỏ cần thêm hỗ trợ. Một số ý kiến đề nghị Chính phủ đánh giá kỹ tác động đến thu ngân sách.",
                "Bộ trưởng Bộ Tài chính giải trình việc giảm thuế giá trị gia tăng đã giúp tổng mức bán lẻ tăng gần 9% trong 10 tháng.",
            ], copy: None },
            A { at: (15, 16, 20), publisher: 3, byline: "Lâm Phương", title: "Quốc hội thông qua nghị quyết giảm thuế VAT xuống 8%", lead: "Với đa số đại biểu tán thành, Quốc hội thông qua nghị quyết tiếp tục giảm thuế giá trị gia tăng 2% từ ngày 1/1 đến hết năm 2026.", body: &[
                "Nghị quyết giao Chính phủ ban hành nghị định hướng dẫn, bảo đảm chính sách được áp dụng kịp thời từ đầu năm. Người tiêu dùng sẽ tiếp tục được hưởng mức thuế 8% khi mua điện, nước, xăng dầu và nhiều mặt hàng thiết yếu.",
            ], copy: Some((0, 60, "Chính thức giảm thuế VAT xuống 8% đến hết năm 2026", "Theo TTXVN")) },
        ],
    },
    Story {
        key: "xuat-khau-gao",
        section: "kinh-te",
        background: &[
            "Philippines là thị trường nhập khẩu gạo lớn nhất của Việt Nam, chiếm khoảng 40% lượng gạo xuất khẩu. Đầu tháng 9, nước này tạm dừng nhập khẩu gạo trong 60 ngày để bảo vệ nông dân trong nước.",
        ],
        articles: &[
            A { at: (1, 11, 0), publisher: 2, byline: "Trọng Nghĩa", title: "Philippines kéo dài lệnh ngừng nhập khẩu gạo, giá lúa miền Tây lao dốc", lead: "Philippines tiếp tục dừng nhập khẩu gạo đến hết năm, khiến giá lúa tươi ở Đồng bằng sông Cửu Long giảm còn 5.200 đồng mỗi kg.", body: &[
                "Tại An Giang, Cần Thơ, thương lái hạn chế thu mua, nhiều cánh đồng lúa chín chờ người đến cắt. Nông dân than lỗ vì giá phân bón, thuốc trừ sâu vẫn ở mức cao.",
                "Hiệp hội Lương thực Việt Nam cho biết lượng gạo tồn kho của doanh nghiệp đang tăng nhanh.",
            ], copy: None },
            A { at: (6, 15, 30), publisher: 0, byline: "Trọng Nghĩa - Kim Ngân", title: "Doanh nghiệp gạo tìm thị trường thay thế Philippines", lead: "Các doanh nghiệp xuất khẩu gạo đẩy mạnh đàm phán với Indonesia, Malaysia và châu Phi để bù lại sản lượng không thể bán sang Philippines.", body: &[
                "Một số đơn vị chuyển sang gạo thơm, gạo hữu cơ có giá trị cao để vào thị trường châu Âu và Nhật Bản. Bộ Công Thương tổ chức các buổi kết nối giao thương trực tuyến với nhà nhập khẩu Tây Phi.",
            ], copy: None },
            A { at: (14, 9, 45), publisher: 2, byline: "Kim Ngân", title: "Xuất khẩu gạo 11 tháng giảm 20% về giá trị", lead: "Kim ngạch xuất khẩu gạo 11 tháng đạt 4,2 tỷ USD, giảm 20% so với cùng kỳ do giá gạo thế giới đi xuống và Philippines ngừng mua.", body: &[
                "Giá gạo 5% tấm của Việt Nam hiện chào bán khoảng 360 USD mỗi tấn, thấp nhất trong ba năm. Các chuyên gia dự báo thị trường sẽ phục hồi khi Philippines mở cửa trở lại vào đầu năm sau.",
            ], copy: None },
        ],
    },
    Story {
        key: "ve-may-bay-tet",
        section: "kinh-te",
        background: &[
            "Tết Nguyên đán năm nay rơi vào giữa tháng 2 dương lịch. Nhu cầu đi lại trên các đường bay từ TP.HCM ra Hà Nội, Vinh, Thanh Hóa, Huế thường tăng gấp đôi trong dịp này.",
        ],
        articles: &[
            A { at: (3, 12, 0), publisher: 1, byline: "Thanh Tâm", title: "Vé máy bay Tết từ TP.HCM ra Hà Nội đã lên gần 8 triệu đồng", lead: "Còn hơn ba tháng nữa mới đến Tết nhưng giá vé máy bay khứ hồi chặng TP.HCM - Hà Nội vào các ngày cao điểm đã chạm mức trần.", body: &[
                "Khảo sát trên các trang bán vé cho thấy chiều đi từ TP.HCM ngày 25 tháng Chạp gần như hết vé giá rẻ. Nhiều người lao động chọn đi tàu hỏa hoặc xe khách để tiết kiệm chi phí.",
            ], copy: None },
            A { at: (10, 9, 30), publisher: 3, byline: "Thanh Tâm - Đức Minh", title: "Các hãng bay tăng hơn 1 triệu chỗ phục vụ Tết", lead: "Cục Hàng không cho biết các hãng hàng không trong nước dự kiến cung ứng thêm hơn 1 triệu ghế, tập trung vào đường bay từ TP.HCM đi miền Bắc và miền Trung.", body: &[
                "Vietnam Airlines, Vietjet và Bamboo Airways sẽ khai thác thêm các chuyến bay đêm và thuê thêm máy bay. Cục Hàng không yêu cầu các hãng công khai giá vé, không để xảy ra tình trạng găm vé đẩy giá.",
            ], copy: None },
            A { at: (16, 14, 10), publisher: 1, byline: "Đức Minh", title: "Bộ Xây dựng đề xuất nới giá trần vé máy bay dịp Tết", lead: "Bộ Xây dựng lấy ý kiến về việc tăng giá trần vé máy bay hạng phổ thông thêm 10% trong dịp Tết Nguyên đán để các hãng bù chi phí bay chiều rỗng.", body: &[
                "Hiệp hội Du lịch lo ngại giá vé tăng sẽ khiến người lao động khó về quê. Các hãng bay cho rằng mỗi chuyến bay Tết chiều ngược lại thường chỉ lấp đầy 20-30% ghế.",
            ], copy: None },
        ],
    },
    Story {
        key: "tuyen-viet-nam-malaysia",
        section: "the-thao",
        background: &[
            "Tuyển Việt Nam nằm ở bảng F vòng loại Asian Cup 2027 cùng Malaysia, Nepal và Lào. Chỉ đội đầu bảng giành vé dự vòng chung kết tại Saudi Arabia.",
            "Huấn luyện viên Kim Sang-sik dẫn dắt tuyển Việt Nam từ tháng 5/2024 và đã giúp đội vô địch ASEAN Cup đầu năm nay.",
        ],
        articles: &[
            A { at: (4, 20, 0), publisher: 0, byline: "Quốc Việt", title: "HLV Kim Sang-sik triệu tập 28 cầu thủ chuẩn bị đấu Malaysia", lead: "Tuyển Việt Nam hội quân tại Việt Trì với 28 cầu thủ, trong đó có tiền đạo nhập tịch Nguyễn Xuân Son đã bình phục chấn thương.", body: &[
                "Đội sẽ tập luyện hai tuần trước khi sang Kuala Lumpur. Trận gặp Malaysia được xem là chung kết bảng F vì Malaysia đang hơn Việt Nam 3 điểm.",
                "Ông Kim Sang-sik cho biết đội cần thắng cách biệt ít nhất hai bàn để giữ cơ hội tự quyết.",
            ], copy: None },
            A { at: (10, 17, 15), publisher: 2, byline: "Trung Kiên", title: "Malaysia nhập tịch thêm ba cầu thủ trước trận gặp Việt Nam", lead: "Liên đoàn bóng đá Malaysia bổ sung ba cầu thủ gốc Nam Mỹ vào danh sách, khiến tuyển Việt Nam lo ngại về sức mạnh của chủ nhà.", body: &[
                "Các cầu thủ này đều đang chơi bóng ở châu Âu. Truyền thông Malaysia khẳng định đội nhà chưa từng có lực lượng mạnh như vậy. Liên đoàn bóng đá châu Á đang xem xét hồ sơ nhập tịch của họ.",
            ], copy: None },
            A { at: (17, 21, 50), publisher: 0, byline: "Quốc Việt (từ Kuala Lumpur)", title: "Tuyển Việt Nam thua Malaysia 0-2 tại Bukit Jalil", lead: "Hai bàn thắng trong hiệp hai giúp Malaysia đánh bại tuyển Việt Nam trên sân Bukit Jalil, đẩy thầy trò HLV Kim Sang-sik vào thế khó ở vòng loại Asian Cup.", body: &[
                "Việt Nam chơi lấn lướt trong hiệp một, Xuân Son có hai cơ hội nhưng đều không thắng được thủ môn chủ nhà. Sang hiệp hai, các cầu thủ nhập tịch của Malaysia tạo khác biệt với hai bàn thắng ở phút 58 và 81.",
                "Sau trận đấu, HLV Kim Sang-sik nhận trách nhiệm và xin lỗi người hâm mộ.",
            ], copy: Some((3, 40, "Thua Malaysia 0-2, tuyển Việt Nam gặp khó ở vòng loại Asian Cup", "Trung Kiên (Theo Báo Sông Hồng)")) },
            A { at: (18, 10, 30), publisher: 1, byline: "Nhóm PV Thể thao", title: "Cơ hội nào cho tuyển Việt Nam sau thất bại trước Malaysia?", lead: "Kém Malaysia 6 điểm khi còn hai lượt trận, tuyển Việt Nam gần như mất quyền tự quyết tấm vé dự Asian Cup 2027.", body: &[
                "Việt Nam phải thắng cả Nepal và Lào, đồng thời chờ Malaysia mất điểm. Giới chuyên môn cho rằng lối chơi của đội đang thiếu phương án khi Xuân Son bị phong tỏa.",
            ], copy: None },
            A { at: (21, 15, 0), publisher: 2, byline: "Trung Kiên", title: "AFC điều tra hồ sơ nhập tịch của cầu thủ Malaysia", lead: "Liên đoàn bóng đá châu Á mở cuộc điều tra về giấy tờ của các cầu thủ nhập tịch Malaysia, kết quả trận gặp tuyển Việt Nam có thể bị xử thua.", body: &[
                "Theo AFC, một số giấy khai sinh của ông bà các cầu thủ có dấu hiệu bị làm giả. Nếu vi phạm được xác định, Malaysia có thể bị xử thua 0-3 và tuyển Việt Nam sẽ trở lại cuộc đua ngôi đầu bảng F.",
            ], copy: None },
        ],
    },
    Story {
        key: "sea-games-33",
        section: "the-thao",
        background: &[
            "SEA Games 33 diễn ra tại Thái Lan từ ngày 9 đến 20/12 với 50 môn thi đấu. Đoàn thể thao Việt Nam đặt mục tiêu nằm trong top 3 toàn đoàn.",
        ],
        articles: &[
            A { at: (5, 9, 0), publisher: 3, byline: "Hải Đăng", title: "Đoàn thể thao Việt Nam dự SEA Games 33 với hơn 1.000 thành viên", lead: "Cục Thể dục thể thao chốt danh sách hơn 1.000 thành viên, trong đó có 840 vận động viên, tham dự SEA Games 33 tại Thái Lan.", body: &[
                "Các môn thế mạnh như điền kinh, bơi lội, bắn súng, võ thuật được kỳ vọng mang về nhiều huy chương vàng. Một số đội tuyển đang tập huấn tại Trung Quốc và Hàn Quốc.",
            ], copy: None },
            A { at: (12, 14, 40), publisher: 0, byline: "Hải Đăng - Mai Phương", title: "Nguyễn Thị Oanh đặt mục tiêu ba huy chương vàng ở SEA Games 33", lead: "Nữ hoàng điền kinh Nguyễn Thị Oanh đăng ký thi đấu ba cự ly 1.500 m, 5.000 m và 10.000 m tại SEA Games 33.", body: &[
                "Chân chạy người Bắc Giang đang tập luyện với cường độ cao tại Trung tâm Huấn luyện thể thao quốc gia Hà Nội. Cô cho biết đây có thể là kỳ SEA Games cuối cùng trong sự nghiệp.",
            ], copy: None },
            A { at: (19, 19, 30), publisher: 3, byline: "Theo TTXVN", title: "Lễ xuất quân đoàn thể thao Việt Nam dự SEA Games 33", lead: "Phó Thủ tướng dự lễ xuất quân, trao cờ cho đoàn thể thao Việt Nam và động viên các vận động viên thi đấu hết mình tại Thái Lan.", body: &[
                "Trưởng đoàn cho biết mục tiêu giành từ 90 đến 110 huy chương vàng. Đoàn sẽ lên đường sang Bangkok theo từng đợt từ ngày 3/12.",
            ], copy: None },
        ],
    },
    Story {
        key: "marathon-ha-noi",
        section: "the-thao",
        background: &[
            "Giải chạy marathon quốc tế di sản Hà Nội được tổ chức từ năm 2019, đường chạy đi qua hồ Gươm, phố cổ, Văn Miếu và hồ Tây.",
        ],
        articles: &[
            A { at: (2, 8, 0), publisher: 0, byline: "Mai Phương", title: "Hơn 12.000 người đăng ký giải marathon di sản Hà Nội", lead: "Giải chạy marathon quốc tế di sản Hà Nội năm nay thu hút hơn 12.000 vận động viên từ 60 quốc gia, con số cao nhất từ trước tới nay.", body: &[
                "Ban tổ chức mở bốn cự ly 5 km, 10 km, 21 km và 42 km. Nhiều runner nước ngoài cho biết họ chọn giải vì được chạy qua các di tích hàng trăm năm tuổi.",
            ], copy: None },
            A { at: (6, 12, 0), publisher: 1, byline: "Mai Phương", title: "Hà Nội cấm đường nhiều tuyến phố phục vụ giải marathon", lead: "Sở Xây dựng Hà Nội thông báo cấm các phương tiện trên nhiều tuyến phố quanh hồ Gươm, hồ Tây từ 3 giờ đến 11 giờ sáng Chủ nhật để tổ chức giải marathon.", body: &[
                "Các tuyến xe buýt đi qua khu vực được điều chỉnh lộ trình. Ban tổ chức khuyến cáo người dân theo dõi sơ đồ phân luồng trên trang của giải chạy.",
            ], copy: None },
            A { at: (7, 11, 30), publisher: 0, byline: "Mai Phương - Hải Đăng", title: "Runner Kenya vô địch marathon di sản Hà Nội, phá kỷ lục giải", lead: "Vận động viên Kenya Evans Kiprop cán đích cự ly 42 km sau 2 giờ 14 phút, phá kỷ lục của giải chạy marathon di sản Hà Nội.", body: &[
                "Ở nội dung nữ, Hoàng Thị Ngọc Hoa là vận động viên Việt Nam về nhất. Ban tổ chức cho biết có 46 người được hỗ trợ y tế, không có trường hợp nghiêm trọng.",
            ], copy: None },
        ],
    },
    Story {
        key: "phim-ben-song-trang",
        section: "van-hoa",
        background: &[
            "Bến sông trăng là phim điện ảnh đầu tay của đạo diễn Lương Minh Khoa, chuyển thể từ tiểu thuyết cùng tên về một làng chài ven sông Hậu những năm 1980.",
        ],
        articles: &[
            A { at: (4, 10, 0), publisher: 2, byline: "Bảo Ngọc", title: "Phim Bến sông trăng thu 50 tỷ đồng sau ba ngày ra rạp", lead: "Bộ phim về làng chài miền Tây Bến sông trăng bất ngờ dẫn đầu phòng vé với doanh thu 50 tỷ đồng trong cuối tuần đầu công chiếu.", body: &[
                "Khán giả khen phim có hình ảnh đẹp, âm nhạc đờn ca tài tử gần gũi. Nhiều rạp ở Cần Thơ, Vĩnh Long phải tăng suất chiếu buổi khuya.",
            ], copy: None },
            A { at: (9, 20, 30), publisher: 1, byline: "Bảo Ngọc", title: "Bến sông trăng cán mốc 150 tỷ, lập kỷ lục phim đầu tay", lead: "Sau hai tuần, Bến sông trăng đạt doanh thu 150 tỷ đồng, trở thành phim đầu tay có doanh thu cao nhất lịch sử điện ảnh Việt.", body: &[
                "Đạo diễn Lương Minh Khoa chia sẻ ê-kíp từng lo phim kén khán giả vì nói về đời sống người làm nghề đánh cá. Nhà phát hành đang đàm phán đưa phim sang Mỹ và Australia.",
            ], copy: None },
            A { at: (20, 11, 0), publisher: 2, byline: "Lê Bảo Ngọc", title: "Bến sông trăng được chọn dự thi Oscar hạng mục phim quốc tế", lead: "Hội đồng tuyển chọn quyết định gửi Bến sông trăng tranh giải Oscar cho phim quốc tế hay nhất, đại diện cho điện ảnh Việt Nam.", body: &[
                "Hội đồng đánh giá phim có câu chuyện mang tính nhân văn và ngôn ngữ điện ảnh chững chạc. Nhà sản xuất sẽ tổ chức chiếu phim tại Los Angeles để vận động hội viên Viện Hàn lâm.",
            ], copy: None },
        ],
    },
    Story {
        key: "hoi-an-lut",
        section: "du-lich",
        background: &[
            "Đô thị cổ Hội An được UNESCO công nhận là di sản văn hóa thế giới năm 1999. Mùa mưa, nước sông Hoài thường tràn lên các phố Bạch Đằng, Nguyễn Thái Học.",
        ],
        articles: &[
            A { at: (1, 16, 0), publisher: 3, byline: "Văn Trung", title: "Phố cổ Hội An ngập sâu, du khách đi thuyền tham quan", lead: "Nước sông Hoài dâng cao khiến nhiều tuyến phố trong khu đô thị cổ Hội An ngập hơn 1 m, du khách phải đi thuyền để tham quan.", body: &[
                "Các nhà hàng, cửa hàng đèn lồng trên phố Bạch Đằng phải đóng cửa. Nhiều du khách nước ngoài thích thú chụp ảnh những dãy nhà cổ soi bóng trên mặt nước, dù chính quyền khuyến cáo không nên đi thuyền khi nước chảy xiết.",
            ], copy: None },
            A { at: (3, 9, 20), publisher: 2, byline: "Văn Trung", title: "Hội An dọn bùn sau lũ, đón khách trở lại", lead: "Nước rút, người dân phố cổ Hội An tất bật dọn bùn, lau chùi đồ gỗ để kịp mở cửa đón du khách trong cuối tuần.", body: &[
                "Các khách sạn trong khu phố cổ cho biết tỷ lệ hủy phòng khoảng 30% trong tuần lũ. Trung tâm Quản lý bảo tồn di sản kiểm tra từng ngôi nhà cổ để đánh giá mức độ hư hại.",
            ], copy: None },
            A { at: (8, 14, 15), publisher: 3, byline: "Hoàng Văn Trung", title: "Nhiều nhà cổ ở Hội An xuống cấp sau mùa lũ", lead: "Trung tâm Quản lý bảo tồn di sản văn hóa Hội An thống kê 24 ngôi nhà cổ bị nứt tường, mục cột sau đợt lũ vừa qua, cần tu bổ khẩn cấp.", body: &[
                "Chi phí tu bổ ước tính hơn 20 tỷ đồng. Nhiều chủ nhà mong được hỗ trợ vì việc sửa chữa nhà di tích phải theo quy trình nghiêm ngặt và tốn kém.",
            ], copy: None },
        ],
    },
    Story {
        key: "phu-quoc-khach-quoc-te",
        section: "du-lich",
        background: &[
            "Phú Quốc là địa phương duy nhất của Việt Nam miễn thị thực 30 ngày cho khách quốc tế. Hòn đảo có sân bay quốc tế và cảng biển đón tàu du lịch lớn.",
        ],
        articles: &[
            A { at: (2, 15, 0), publisher: 1, byline: "Hữu Phước", title: "Phú Quốc đón chuyến bay thẳng đầu tiên từ Ấn Độ", lead: "Chuyến bay thẳng từ Mumbai chở 180 du khách đã hạ cánh xuống sân bay quốc tế Phú Quốc, mở đầu đường bay mới ba chuyến mỗi tuần.", body: &[
                "Khách Ấn Độ là thị trường tăng trưởng nhanh nhất của đảo ngọc trong năm nay. Các khu nghỉ dưỡng chuẩn bị thực đơn chay và hướng dẫn viên nói tiếng Hindi.",
            ], copy: None },
            A { at: (11, 10, 0), publisher: 0, byline: "Hữu Phước", title: "Tàu du lịch chở 4.000 khách cập cảng Phú Quốc", lead: "Siêu tàu du lịch Spectrum of the Seas chở hơn 4.000 khách quốc tế cập cảng An Thới, Phú Quốc trong hành trình vòng quanh Đông Nam Á.", body: &[
                "Du khách được đưa đi tham quan nhà thù, cơ sở nuôi cấy ngọc trai và chợ đêm. Đây là chuyến tàu thứ năm cập cảng Phú Quốc trong mùa du lịch biển năm nay.",
            ], copy: None },
            A { at: (18, 9, 30), publisher: 1, byline: "Hữu Phước - Kim Ngân", title: "Phú Quốc đạt mốc 1,5 triệu lượt khách quốc tế", lead: "Sở Du lịch cho biết Phú Quốc đã đón 1,5 triệu lượt khách quốc tế từ đầu năm, vượt kế hoạch cả năm và gấp đôi cùng kỳ năm trước.", body: &[
                "Hàn Quốc, Trung Quốc, Đài Loan và Ấn Độ là các thị trường dẫn đầu. Các doanh nghiệp lữ hành dự báo lượng khách dịp cuối năm sẽ tiếp tục tăng nhờ mùa khô và nhiều đường bay thẳng.",
            ], copy: None },
        ],
    },
    Story {
        key: "tai-nan-tau-ha-long",
        section: "thoi-su",
        background: &[
            "Vịnh Hạ Long có hơn 400 tàu du lịch được cấp phép. Sau các sự cố trước đây, Quảng Ninh yêu cầu mọi tàu phải trang bị áo phao cho từng hành khách và camera giám sát.",
        ],
        articles: &[
            A { at: (7, 16, 30), publisher: 3, byline: "Theo TTXVN", title: "Tàu du lịch bị lật trên vịnh Hạ Long, 2 du khách mất tích", lead: "Một tàu du lịch chở 38 người bị lật khi gặp dông lốc trên vịnh Hạ Long chiều nay; lực lượng cứu hộ đã cứu được 36 người, còn hai du khách mất tích.", body: &[
                "Con tàu bị nghiêng rồi lật úp chỉ trong vài phút khi mưa đá và gió mạnh bất ngờ ập đến. Biên phòng, cảnh sát biển và các tàu du lịch gần đó đã nhanh chóng tiếp cận cứu người.",
            ], copy: Some((0, 50, "Lật tàu du lịch trên vịnh Hạ Long, hai du khách mất tích", "Nhóm PV")) },
            A { at: (8, 11, 0), publisher: 0, byline: "Quang Minh", title: "Tìm thấy thi thể hai du khách trong vụ lật tàu trên vịnh Hạ Long", lead: "Sáng nay, lực lượng tìm kiếm đã tìm thấy thi thể hai du khách mất tích trong vụ lật tàu du lịch trên vịnh Hạ Long.", body: &[
                "Thợ lặn phát hiện hai nạn nhân mắc kẹt trong khoang tàu. Quảng Ninh tạm dừng cấp phép cho tàu rời bến khi có cảnh báo thời tiết nguy hiểm.",
            ], copy: None },
            A { at: (10, 14, 0), publisher: 3, byline: "Quang Minh", title: "Khởi tố vụ án lật tàu du lịch làm hai người chết ở Hạ Long", lead: "Công an tỉnh Quảng Ninh khởi tố vụ án vi phạm quy định về an toàn giao thông đường thủy sau vụ lật tàu trên vịnh Hạ Long.", body: &[
                "Cơ quan điều tra xác định tàu được phép chở 40 người nhưng thuyền trưởng vẫn cho tàu chạy dù đã có cảnh báo dông. Hiện thuyền trưởng đang bị tạm giữ.",
            ], copy: None },
        ],
    },
    Story {
        key: "ve-tinh-lotusat",
        section: "khoa-hoc",
        background: &[
            "LOTUSat-1 là vệ tinh quan sát Trái Đất dùng công nghệ radar, do Nhật Bản hỗ trợ Việt Nam chế tạo, có thể chụp ảnh xuyên mây cả ngày lẫn đêm.",
        ],
        articles: &[
            A { at: (9, 8, 30), publisher: 1, byline: "Khánh Linh", title: "Vệ tinh radar LOTUSat-1 của Việt Nam sẵn sàng phóng lên quỹ đạo", lead: "Vệ tinh LOTUSat-1 nặng 570 kg đã được chuyển tới bãi phóng ở Nhật Bản, dự kiến bay lên quỹ đạo trong tuần tới.", body: &[
                "Vệ tinh sẽ phục vụ giám sát thiên tai, biến đổi khí hậu và quản lý tài nguyên. Các kỹ sư của Trung tâm Vũ trụ Việt Nam đã tham gia toàn bộ quá trình thiết kế và thử nghiệm.",
            ], copy: None },
            A { at: (13, 11, 10), publisher: 0, byline: "Nguyễn Khánh Linh", title: "Phóng thành công vệ tinh LOTUSat-1", lead: "Tên lửa Epsilon đã đưa vệ tinh LOTUSat-1 vào quỹ đạo ở độ cao 550 km, trạm mặt đất tại Hòa Lạc đã nhận được tín hiệu đầu tiên.", body: &[
                "Đây là vệ tinh quan sát Trái Đất lớn nhất Việt Nam từng sở hữu. Trung tâm Vũ trụ Việt Nam sẽ mất khoảng ba tháng để hiệu chỉnh trước khi đưa vào khai thác.",
            ], copy: Some((3, 70, "Vệ tinh LOTUSat-1 đã vào quỹ đạo", "Theo TTXVN")) },
            A { at: (22, 9, 0), publisher: 1, byline: "Khánh Linh", title: "Những bức ảnh radar đầu tiên từ LOTUSat-1", lead: "Trung tâm Vũ trụ Việt Nam công bố bộ ảnh radar đầu tiên của vệ tinh LOTUSat-1 chụp vùng lũ miền Trung xuyên qua lớp mây dày.", body: &[
                "Ảnh cho thấy rõ các vùng ngập dọc sông Trà Khúc và sông Thu Bồn. Các nhà khoa học cho rằng dữ liệu này sẽ giúp dự báo và ứng phó thiên tai chính xác hơn.",
            ], copy: None },
        ],
    },
    Story {
        key: "luat-tri-tue-nhan-tao",
        section: "khoa-hoc",
        background: &[
            "Dự thảo Luật Trí tuệ nhân tạo gồm 8 chương, 65 điều, phân loại hệ thống AI theo mức độ rủi ro và quy định trách nhiệm của nhà phát triển, nhà cung cấp và người sử dụng.",
        ],
        articles: &[
            A { at: (1, 9, 30), publisher: 3, byline: "Phương Anh", title: "Chính phủ trình Quốc hội dự án Luật Trí tuệ nhân tạo", lead: "Bộ trưởng Bộ Khoa học và Công nghệ thay mặt Chính phủ trình bày tờ trình dự án Luật Trí tuệ nhân tạo, lần đầu đặt khung pháp lý riêng cho AI.", body: &[
                "Dự thảo quy định các hệ thống AI rủi ro cao như chấm điểm tín dụng, tuyển dụng, chẩn đoán y tế phải được đánh giá sự phù hợp trước khi đưa vào sử dụng. Nội dung do AI tạo ra phải được gắn nhãn.",
            ], copy: None },
            A { at: (8, 15, 0), publisher: 0, byline: "Phương Anh - Tuấn Khôi", title: "Đại biểu lo ngại quy định gắn nhãn nội dung AI khó thực thi", lead: "Thảo luận về dự án Luật Trí tuệ nhân tạo, nhiều đại biểu Quốc hội đề nghị làm rõ cách gắn nhãn ảnh, video do AI tạo ra và trách nhiệm khi AI gây thiệt hại.", body: &[
                "Một đại biểu đoàn TP.HCM dẫn ví dụ các video giả mạo giọng nói lãnh đạo doanh nghiệp để lừa đảo chuyển tiền. Ông đề nghị luật quy định rõ nghĩa vụ của nền tảng mạng xã hội.",
            ], copy: None },
            A { at: (17, 10, 45), publisher: 3, byline: "Tuấn Khôi", title: "Quốc hội thông qua Luật Trí tuệ nhân tạo", lead: "Luật Trí tuệ nhân tạo được Quốc hội thông qua với 92% đại biểu tán thành, có hiệu lực từ ngày 1/7 năm sau.", body: &[
                "Luật thành lập Quỹ phát triển trí tuệ nhân tạo quốc gia và cơ chế thử nghiệm có kiểm soát cho các sản phẩm AI mới. Doanh nghiệp khởi nghiệp được hỗ trợ chi phí tính toán và dữ liệu.",
            ], copy: None },
        ],
    },
    Story {
        key: "sot-xuat-huyet-ha-noi",
        section: "doi-song",
        background: &[
            "Sốt xuất huyết do virus Dengue gây ra, lây qua muỗi vằn Aedes. Bệnh chưa có thuốc điều trị đặc hiệu; người bệnh cần theo dõi dấu hiệu cảnh báo vào ngày thứ 3 đến ngày thứ 7.",
        ],
        articles: &[
            A { at: (0, 15, 0), publisher: 1, byline: "Thùy Dung", title: "Hà Nội ghi nhận hơn 1.000 ca sốt xuất huyết trong một tuần", lead: "Số ca mắc sốt xuất huyết ở Hà Nội tăng mạnh với 1.058 ca trong tuần qua, tập trung ở Đống Đa, Hoàng Mai và Thanh Xuân.", body: &[
                "Trung tâm Kiểm soát bệnh tật Hà Nội phát hiện 45 ổ dịch đang hoạt động. Các bệnh viện tuyến cuối như Bạch Mai, Bệnh Nhiệt đới Trung ương phải kê thêm giường cho bệnh nhân.",
            ], copy: None },
            A { at: (5, 14, 30), publisher: 0, byline: "Thùy Dung", title: "Bệnh viện quá tải vì sốt xuất huyết, nhiều ca chuyển nặng", lead: "Khoa Truyền nhiễm của nhiều bệnh viện ở Hà Nội kín giường, bệnh nhân sốt xuất huyết phải nằm ghép, trong đó có nhiều ca giảm tiểu cầu nặng.", body: &[
                "Bác sĩ cảnh báo nhiều người tự ý truyền dịch tại nhà hoặc dùng thuốc hạ sốt không đúng cách khiến bệnh trở nặng. Người dân cần đến cơ sở y tế khi sốt cao liên tục, đau bụng, chảy máu chân răng.",
            ], copy: None },
            A { at: (9, 9, 0), publisher: 1, byline: "Bác sĩ Lê Văn Thiệu", title: "Những sai lầm khiến người bệnh sốt xuất huyết trở nặng", lead: "Cạo gió, dùng aspirin để hạ sốt hay truyền dịch tại nhà là những sai lầm thường gặp ở người bệnh sốt xuất huyết.", body: &[
                "Aspirin làm tăng nguy cơ xuất huyết. Khi hết sốt, người bệnh không nên chủ quan vì đây là giai đoạn dễ bị sốc. Chỉ nên dùng paracetamol theo liều bác sĩ chỉ định và uống nhiều nước, oresol.",
            ], copy: None },
            A { at: (16, 17, 0), publisher: 3, byline: "Theo TTXVN", title: "Hà Nội phun hóa chất diện rộng diệt muỗi phòng sốt xuất huyết", lead: "Ngành y tế Hà Nội tổ chức chiến dịch phun hóa chất diệt muỗi ở 12 quận, huyện có số ca mắc sốt xuất huyết cao nhất.", body: &[
                "Các tổ xung kích đến từng hộ gia đình kiểm tra dụng cụ chứa nước, lật úp chai lọ, thả cá diệt bọ gậy. Số ca mắc mới đã bắt đầu giảm nhẹ trong tuần này.",
            ], copy: None },
        ],
    },
    Story {
        key: "thi-tot-nghiep-2026",
        section: "doi-song",
        background: &[
            "Từ năm 2025, kỳ thi tốt nghiệp trung học phổ thông được tổ chức theo chương trình giáo dục phổ thông mới, thí sinh thi 4 môn gồm Toán, Ngữ văn và hai môn tự chọn.",
        ],
        articles: &[
            A { at: (3, 8, 0), publisher: 2, byline: "Thanh Nga", title: "Bộ Giáo dục dự kiến tổ chức thi tốt nghiệp trên máy tính từ năm 2026", lead: "Bộ Giáo dục và Đào tạo công bố dự thảo cho phép thí sinh ở một số địa phương làm bài thi tốt nghiệp trên máy tính thay vì trên giấy.", body: &[
                "Hình thức thi trên máy tính sẽ được thí điểm với môn Tiếng Anh và các môn trắc nghiệm. Các sở giáo dục phải bảo đảm phòng máy đủ cấu hình và đường truyền ổn định.",
            ], copy: None },
            A { at: (11, 16, 30), publisher: 0, byline: "Thanh Nga - Hồng Nhung", title: "Giáo viên lo học sinh vùng khó thiệt thòi khi thi trên máy tính", lead: "Nhiều giáo viên ở miền núi phía Bắc cho rằng học sinh của họ ít được tiếp xúc máy tính, sẽ bất lợi nếu phải thi tốt nghiệp theo hình thức mới.", body: &[
                "Một hiệu trưởng ở Hà Giang cho biết trường chỉ có một phòng máy 20 chiếc đã cũ. Bộ Giáo dục và Đào tạo khẳng định việc thi trên máy tính chỉ áp dụng ở nơi đủ điều kiện, thí sinh được quyền lựa chọn.",
            ], copy: None },
            A { at: (19, 10, 0), publisher: 2, byline: "Hồng Nhung", title: "Chốt lịch thi tốt nghiệp trung học phổ thông năm 2026", lead: "Bộ Giáo dục và Đào tạo chính thức ban hành quy chế, kỳ thi tốt nghiệp trung học phổ thông năm 2026 diễn ra ngày 11 và 12/6.", body: &[
                "Kết quả thi sẽ được công bố trước ngày 5/7 để các trường đại học xét tuyển. Hình thức thi trên máy tính được lùi sang năm 2027 để các địa phương chuẩn bị kỹ hơn.",
            ], copy: None },
        ],
    },
    Story {
        key: "bao-fung-wong",
        section: "the-gioi",
        background: &[
            "Philippines hứng chịu trung bình 20 cơn bão mỗi năm. Fung-wong là cơn bão thứ hai đổ bộ nước này chỉ trong vòng một tuần.",
        ],
        articles: &[
            A { at: (5, 7, 0), publisher: 3, byline: "Minh Khôi (Theo Reuters)", title: "Siêu bão Fung-wong áp sát Philippines, hơn 1 triệu người sơ tán", lead: "Siêu bão Fung-wong với sức gió 185 km/h đang tiến vào đảo Luzon, chính quyền Philippines sơ tán hơn 1 triệu người khỏi vùng ven biển.", body: &[
                "Cơ quan khí tượng Philippines cảnh báo nước dâng do bão có thể cao tới 3 m. Hàng trăm chuyến bay ở Manila bị hủy, trường học đóng cửa.",
            ], copy: None },
            A { at: (6, 10, 20), publisher: 0, byline: "Minh Khôi", title: "Bão Fung-wong đổ bộ Luzon, ít nhất 8 người thiệt mạng", lead: "Bão Fung-wong quét qua đảo Luzon trong đêm, làm ít nhất 8 người chết, hàng nghìn ngôi nhà bị tốc mái và nhiều tỉnh mất điện.", body: &[
                "Tổng thống Philippines chỉ đạo quân đội triển khai máy bay vận tải đưa hàng cứu trợ đến các vùng bị cô lập. Bão suy yếu khi đi qua vùng núi nhưng vẫn gây mưa lớn.",
            ], copy: Some((2, 35, "Bão Fung-wong càn quét Luzon, ít nhất 8 người chết", "Theo TTXVN")) },
            A { at: (7, 9, 15), publisher: 3, byline: "Minh Khôi (Theo AP)", title: "Philippines kêu gọi quốc tế hỗ trợ sau bão Fung-wong", lead: "Số người chết do bão Fung-wong tăng lên 25, chính phủ Philippines ban bố tình trạng thảm họa ở 6 tỉnh và kêu gọi viện trợ quốc tế.", body: &[
                "Nhật Bản, Hàn Quốc và Liên minh châu Âu đã cam kết gửi hàng cứu trợ. Việt Nam gửi điện thăm hỏi và hỗ trợ 200.000 USD.",
            ], copy: None },
            A { at: (8, 19, 0), publisher: 1, byline: "Trí Dũng", title: "Bão Fung-wong vào Biển Đông, khả năng suy yếu thành áp thấp", lead: "Sau khi đi qua Philippines, bão Fung-wong đi vào Biển Đông với sức gió cấp 10, dự báo suy yếu dần và ít khả năng ảnh hưởng đất liền Việt Nam.", body: &[
                "Trung tâm Dự báo khí tượng thủy văn quốc gia khuyến cáo tàu thuyền hoạt động ở khu vực giữa Biển Đông chủ động tránh trú. Vùng biển quần đảo Hoàng Sa có gió mạnh, sóng cao 4-6 m.",
            ], copy: None },
        ],
    },
    Story {
        key: "dam-phan-thuong-mai-my-trung",
        section: "the-gioi",
        background: &[
            "Mỹ và Trung Quốc đã áp thuế qua lại lên hàng hóa của nhau từ đầu năm; thỏa thuận tạm ngừng leo thang thuế quan được gia hạn nhiều lần.",
        ],
        articles: &[
            A { at: (2, 21, 0), publisher: 2, byline: "Ngọc Anh (Theo Bloomberg)", title: "Mỹ và Trung Quốc nối lại đàm phán thương mại tại Geneva", lead: "Đại diện thương mại Mỹ và Phó Thủ tướng Trung Quốc gặp nhau tại Geneva, mở lại vòng đàm phán về thuế quan và đất hiếm.", body: &[
                "Hai bên thảo luận việc Mỹ giảm thuế với hàng điện tử, đổi lại Trung Quốc nới lỏng kiểm soát xuất khẩu đất hiếm. Thị trường chứng khoán châu Á tăng điểm khi có tin đàm phán.",
            ], copy: None },
            A { at: (4, 22, 30), publisher: 3, byline: "Ngọc Anh", title: "Mỹ - Trung đạt thỏa thuận khung, giảm một nửa thuế quan", lead: "Sau ba ngày đàm phán ở Geneva, Mỹ và Trung Quốc công bố thỏa thuận khung, theo đó mỗi bên giảm một nửa mức thuế bổ sung trong 90 ngày.", body: &[
                "Trung Quốc cam kết mua thêm nông sản Mỹ và cấp phép xuất khẩu đất hiếm nhanh hơn. Các nhà phân tích cho rằng thỏa thuận giúp giảm áp lực lên chuỗi cung ứng toàn cầu, trong đó có các nhà máy ở Việt Nam.",
            ], copy: None },
            A { at: (6, 8, 45), publisher: 0, byline: "Ngọc Anh", title: "Doanh nghiệp Việt được gì khi Mỹ - Trung hạ nhiệt thương chiến?", lead: "Các hiệp hội ngành hàng cho rằng thỏa thuận thuế quan Mỹ - Trung vừa đạt được vừa là cơ hội vừa là thách thức với hàng xuất khẩu Việt Nam.", body: &[
                "Khi hàng Trung Quốc vào Mỹ rẻ hơn, đồ gỗ, dệt may Việt Nam sẽ chịu cạnh tranh gay gắt hơn. Ngược lại, giá nguyên liệu nhập từ Trung Quốc có thể giảm, giúp doanh nghiệp hạ giá thành.",
            ], copy: None },
        ],
    },
    Story {
        key: "dong-dat-nhat-ban",
        section: "the-gioi",
        background: &[
            "Nhật Bản nằm trên Vành đai lửa Thái Bình Dương, nơi xảy ra khoảng 20% số trận động đất mạnh trên thế giới.",
        ],
        articles: &[
            A { at: (14, 23, 10), publisher: 2, byline: "Thảo Vy (Theo NHK)", title: "Động đất 7,1 độ ngoài khơi Aomori, Nhật Bản cảnh báo sóng thần", lead: "Trận động đất mạnh 7,1 độ xảy ra ngoài khơi tỉnh Aomori, cơ quan khí tượng Nhật Bản phát cảnh báo sóng thần cao 1 m dọc bờ biển phía đông bắc.", body: &[
                "Các đoàn tàu cao tốc Shinkansen tạm dừng chạy, hàng nghìn người dân ven biển được yêu cầu lên vùng cao. Nhà máy điện hạt nhân Higashidori chưa ghi nhận bất thường.",
            ], copy: None },
            A { at: (15, 9, 30), publisher: 1, byline: "Thảo Vy", title: "Nhật Bản dỡ cảnh báo sóng thần, hơn 30 người bị thương do động đất", lead: "Nhật Bản đã dỡ bỏ cảnh báo sóng thần sau trận động đất 7,1 độ ở Aomori; hơn 30 người bị thương, chủ yếu do ngã và đồ đạc rơi.", body: &[
                "Đại sứ quán Việt Nam tại Tokyo cho biết chưa nhận được thông tin công dân Việt Nam bị ảnh hưởng. Cộng đồng thực tập sinh Việt ở Aomori được khuyến cáo theo dõi các dư chấn.",
            ], copy: None },
            A { at: (16, 20, 0), publisher: 2, byline: "Thảo Vy", title: "Nhật Bản cảnh báo khả năng xảy ra siêu động đất sau trận Aomori", lead: "Cơ quan khí tượng Nhật Bản phát cảnh báo đặc biệt về khả năng xảy ra động đất mạnh hơn ở khu vực Hokkaido và Sanriku trong tuần tới.", body: &[
                "Người dân được khuyên chuẩn bị sẵn đồ dùng khẩn cấp, kiểm tra đường sơ tán. Đây là lần thứ hai cảnh báo loại này được ban hành kể từ khi áp dụng năm 2022.",
            ], copy: None },
        ],
    },
    Story {
        key: "xu-an-hung-phat",
        section: "phap-luat",
        background: &[
            "Theo cáo trạng, Tập đoàn Hưng Phát đã phát hành trái phiếu cho hơn 25.000 nhà đầu tư bằng hồ sơ khống, chiếm đoạt hơn 9.000 tỷ đồng trong giai đoạn 2018-2021.",
        ],
        articles: &[
            A { at: (7, 8, 0), publisher: 2, byline: "Việt Dũng", title: "Mở phiên xử vụ lừa đảo trái phiếu tại Tập đoàn Hưng Phát", lead: "TAND TP.HCM mở phiên sơ thẩm xét xử cựu chủ tịch Tập đoàn Hưng Phát Đỗ Văn Lực cùng 18 bị cáo về tội lừa đảo chiếm đoạt tài sản qua phát hành trái phiếu.", body: &[
                "Hơn 300 bị hại được triệu tập đến phiên tòa. Nhiều nhà đầu tư cao tuổi cho biết họ đã dồn toàn bộ tiền tiết kiệm vào trái phiếu Hưng Phát vì tin lời nhân viên ngân hàng tư vấn.",
            ], copy: Some((1, 55, "Xét xử cựu chủ tịch Tập đoàn Hưng Phát cùng 18 đồng phạm", "Theo TTXVN")) },
            A { at: (9, 17, 20), publisher: 1, byline: "Việt Dũng - Hồng Phúc", title: "Cựu chủ tịch Hưng Phát xin khắc phục hậu quả bằng 40 khu đất", lead: "Tại phiên tòa, bị cáo Đỗ Văn Lực đề nghị dùng 40 khu đất của tập đoàn để khắc phục hậu quả, trả tiền cho nhà đầu tư trái phiếu.", body: &[
                "Luật sư của các bị hại cho rằng nhiều khu đất đã bị thế chấp ngân hàng nên khó thi hành án. Viện kiểm sát đề nghị tòa kê biên toàn bộ tài sản để bảo đảm quyền lợi của bị hại.",
            ], copy: None },
            A { at: (14, 16, 0), publisher: 2, byline: "Việt Dũng", title: "Cựu chủ tịch Tập đoàn Hưng Phát lĩnh án chung thân", lead: "Hội đồng xét xử tuyên phạt bị cáo Đỗ Văn Lực tù chung thân về tội lừa đảo chiếm đoạt tài sản, buộc bồi thường hơn 9.000 tỷ đồng cho các nhà đầu tư.", body: &[
                "Các bị cáo còn lại nhận từ 3 đến 20 năm tù. Tòa tuyên giữ lại 40 khu đất để thi hành án và kiến nghị làm rõ trách nhiệm của ngân hàng đã tư vấn bán trái phiếu.",
            ], copy: None },
        ],
    },
    Story {
        key: "nong-do-con-tphcm",
        section: "phap-luat",
        background: &[
            "Luật Trật tự, an toàn giao thông đường bộ cấm tuyệt đối người điều khiển phương tiện có nồng độ cồn trong máu hoặc hơi thở. Người đi xe máy vi phạm có thể bị phạt đến 8 triệu đồng và trừ 12 điểm giấy phép lái xe.",
        ],
        articles: &[
            A { at: (1, 22, 0), publisher: 1, byline: "Hồng Phúc", title: "TP.HCM ra quân xử lý nồng độ cồn xuyên đêm", lead: "Phòng Cảnh sát giao thông Công an TP.HCM lập 30 chốt kiểm tra nồng độ cồn ở các tuyến đường gần quán nhậu, xử lý hơn 400 trường hợp trong đêm đầu.", body: &[
                "Nhiều người cố tình quay đầu xe, bỏ chạy khi thấy chốt. Cảnh sát bố trí tổ cơ động đón lõng ở các ngả đường. Một tài xế ô tô có nồng độ cồn vượt mức kịch khung.",
            ], copy: None },
            A { at: (12, 23, 30), publisher: 2, byline: "Hồng Phúc", title: "Quán nhậu ở TP.HCM vắng khách khi cảnh sát siết nồng độ cồn", lead: "Sau gần hai tuần TP.HCM tăng cường kiểm tra nồng độ cồn, nhiều quán nhậu ở Quận 7, Bình Thạnh giảm một nửa lượng khách.", body: &[
                "Một số quán bố trí xe đưa đón hoặc gọi xe công nghệ cho khách về nhà. Dịch vụ lái xe hộ nở rộ với giá từ 150.000 đồng mỗi chuyến.",
            ], copy: None },
        ],
    },
    Story {
        key: "san-bay-long-thanh",
        section: "kinh-te",
        background: &[
            "Sân bay Long Thành ở tỉnh Đồng Nai có tổng vốn đầu tư giai đoạn 1 khoảng 109.000 tỷ đồng, công suất 25 triệu hành khách mỗi năm, cách trung tâm TP.HCM khoảng 40 km.",
        ],
        articles: &[
            A { at: (6, 9, 0), publisher: 3, byline: "Quang Huy", title: "Sân bay Long Thành đón chuyến bay hiệu chuẩn đầu tiên", lead: "Chiếc máy bay hiệu chuẩn của Cục Hàng không đã cất, hạ cánh thành công trên đường băng số 1 của sân bay Long Thành, chuẩn bị cho khai thác thương mại.", body: &[
                "Chuyến bay kiểm tra hệ thống đèn tín hiệu và thiết bị dẫn đường. Tổng công ty Cảng hàng không Việt Nam cho biết nhà ga hành khách đã hoàn thiện hơn 90%.",
            ], copy: None },
            A { at: (15, 14, 0), publisher: 0, byline: "Quang Huy", title: "Sân bay Long Thành lùi thời điểm khai thác thương mại sang giữa năm 2026", lead: "Nhà đầu tư đề xuất lùi thời điểm đưa sân bay Long Thành vào khai thác thương mại sang tháng 6/2026 do gói thầu hệ thống điều hành bay chậm tiến độ.", body: &[
                "Các tuyến giao thông kết nối như cao tốc Biên Hòa - Vũng Tàu và đường sắt nối TP.HCM cũng chưa hoàn thành. Bộ Xây dựng yêu cầu các nhà thầu tăng ca để rút ngắn thời gian.",
            ], copy: None },
        ],
    },
    Story {
        key: "xe-may-xang-vanh-dai-1",
        section: "thoi-su",
        background: &[
            "Chỉ thị của Thủ tướng yêu cầu Hà Nội dừng lưu hành xe máy chạy xăng trong đường Vành đai 1 từ ngày 1/7/2026, mở rộng dần ra Vành đai 2 và Vành đai 3 trong các năm tiếp theo.",
        ],
        articles: &[
            A { at: (0, 11, 30), publisher: 0, byline: "Vũ Đức Anh", title: "Hà Nội lấy ý kiến lộ trình cấm xe máy xăng trong Vành đai 1", lead: "Sở Xây dựng Hà Nội công bố dự thảo lộ trình hạn chế xe máy chạy xăng trong khu vực Vành đai 1, dự kiến áp dụng từ giữa năm sau.", body: &[
                "Theo dự thảo, khu vực hạn chế bao gồm quận Hoàn Kiếm và một phần các quận Ba Đình, Đống Đa, Hai Bà Trưng. Người dân sống trong khu vực được hỗ trợ 3-5 triệu đồng khi đổi sang xe máy điện.",
            ], copy: None },
            A { at: (4, 13, 15), publisher: 1, byline: "Đức Anh - Thu Hằng", title: "Người dân phố cổ băn khoăn khi bỏ xe máy xăng", lead: "Nhiều hộ kinh doanh ở phố cổ Hà Nội lo lắng về chi phí đổi xe, chỗ sạc pin và việc chở hàng nếu xe máy chạy xăng bị cấm trong Vành đai 1.", body: &[
                "Bà Lan, bán hàng khô trên phố Hàng Bồ, cho biết xe máy điện hiện chưa chở nổi 100 kg hàng mỗi chuyến. Các chuyên gia đề nghị thành phố tăng xe buýt gom và bãi đỗ xe ở rìa khu vực hạn chế.",
            ], copy: None },
            A { at: (10, 15, 0), publisher: 0, byline: "Vũ Đức Anh", title: "Hà Nội sẽ lắp 1.000 trạm sạc xe máy điện trong khu vực Vành đai 1", lead: "Để chuẩn bị cho việc hạn chế xe máy xăng, Hà Nội lên kế hoạch lắp đặt 1.000 trạm sạc và đổi pin xe máy điện trong khu vực Vành đai 1.", body: &[
                "Các trạm sạc sẽ được đặt tại bãi xe, trụ sở phường và các tòa nhà công cộng. Thành phố kêu gọi doanh nghiệp đầu tư theo hình thức xã hội hóa.",
            ], copy: None },
            A { at: (18, 8, 20), publisher: 3, byline: "Theo TTXVN", title: "HĐND Hà Nội thông qua chính sách hỗ trợ đổi xe máy điện", lead: "HĐND thành phố Hà Nội thông qua nghị quyết hỗ trợ người dân chuyển đổi từ xe máy chạy xăng sang xe máy điện, mức cao nhất 5 triệu đồng mỗi xe.", body: &[
                "Người thuộc hộ nghèo, cận nghèo được hỗ trợ thêm và miễn lệ phí đăng ký. Chính sách áp dụng trước cho cư dân trong Vành đai 1, sau đó mở rộng ra Vành đai 2.",
            ], copy: None },
        ],
    },
    Story {
        key: "vanh-dai-3-tphcm",
        section: "thoi-su",
        background: &[
            "Đường Vành đai 3 TP.HCM dài 76 km đi qua TP.HCM, Đồng Nai, Bình Dương và Long An, tổng vốn đầu tư hơn 75.000 tỷ đồng.",
        ],
        articles: &[
            A { at: (8, 10, 0), publisher: 2, byline: "Minh Quân", title: "Thông xe 47 km đường Vành đai 3 TP.HCM", lead: "Các đoạn tuyến dài 47 km của đường Vành đai 3 TP.HCM được thông xe kỹ thuật, rút ngắn thời gian di chuyển từ Bình Dương đến Nhơn Trạch còn 40 phút.", body: &[
                "Xe tải từ các khu công nghiệp Bình Dương không còn phải đi vào nội đô TP.HCM. Các đoạn còn lại dự kiến hoàn thành vào giữa năm 2026.",
            ], copy: None },
            A { at: (13, 18, 0), publisher: 1, byline: "Minh Quân", title: "Vành đai 3 vừa thông xe đã xuất hiện vết nứt", lead: "Người dân phát hiện nhiều vết nứt dài trên mặt đường đoạn Vành đai 3 qua Thủ Đức chỉ vài ngày sau khi thông xe.", body: &[
                "Ban quản lý dự án cho biết đây là vết nứt ở lớp bê tông nhựa do lún cục bộ, không ảnh hưởng kết cấu. Nhà thầu phải sửa chữa bằng chi phí của mình.",
            ], copy: None },
        ],
    },
    Story {
        key: "hoi-sach-ha-noi",
        section: "van-hoa",
        background: &[],
        articles: &[
            A { at: (7, 9, 45), publisher: 0, byline: "Hà Linh", title: "Hội sách mùa thu Hà Nội giảm giá hàng nghìn đầu sách", lead: "Hội sách mùa thu khai mạc tại Công viên Thống Nhất, Hà Nội, với 150 gian hàng và hàng nghìn đầu sách giảm giá đến 50%.", body: &[
                "Nhiều nhà xuất bản mang đến các ấn phẩm văn học thiếu nhi, sách lịch sử và sách ngoại văn. Các buổi giao lưu tác giả thu hút đông học sinh, sinh viên.",
                "Ban tổ chức cho biết hội sách năm nay ưu tiên không gian đọc ngoài trời, có góc đổi sách cũ lấy sách mới.",
            ], copy: None },
            A { at: (10, 19, 30), publisher: 1, byline: "Hà Linh", title: "Hội sách mùa thu Hà Nội bán được 200.000 cuốn", lead: "Sau bốn ngày, Hội sách mùa thu tại Công viên Thống Nhất đón hơn 300.000 lượt khách, bán được khoảng 200.000 cuốn sách.", body: &[
                "Sách thiếu nhi, truyện tranh và sách kỹ năng bán chạy nhất. Ban tổ chức dự định đưa hội sách thành sự kiện thường niên.",
            ], copy: None },
        ],
    },
];
