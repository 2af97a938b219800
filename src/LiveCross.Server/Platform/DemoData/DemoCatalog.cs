using LiveCross.Server.Catalog;

namespace LiveCross.Server.Platform.DemoData;

/// <summary>
/// The demo catalog: what each demo seller would send through the seller API. Weights and dimensions are of the
/// packaged item; batteries are classed as carriers class them (a power bank is a battery alone). GTINs use
/// China's GS1 prefix 69 and carry correct check digits. VoltWave sells in USD with English as its default locale,
/// Silk &amp; Bloom in CNY with Simplified Chinese. English is listed first everywhere because the seeder captions
/// each generated picture with the first title.
/// </summary>
public static class DemoCatalog
{
    public static readonly IReadOnlyList<DemoProduct> Products =
    [
        // ───── Shenzhen VoltWave Electronics (USD) ─────

        // electronics/audio
        Volt("electronics/audio", "851830", 180, new(110, 100, 45),
            [
                new("en", "AirWave Pro Wireless Noise-Cancelling Earbuds", "Hybrid active noise cancellation with three listening modes. Up to 8 hours per charge and 36 hours with the charging case; Bluetooth 5.3 with multipoint pairing."),
                new("zh-Hans", "AirWave Pro 主动降噪真无线耳机", "混合主动降噪，三种聆听模式可切换。单次续航约8小时，配合充电盒可达36小时；蓝牙5.3，支持双设备连接。"),
                new("es", "Auriculares inalámbricos AirWave Pro con cancelación de ruido", "Cancelación activa de ruido híbrida con tres modos de escucha. Hasta 8 horas por carga y 36 horas con el estuche; Bluetooth 5.3 con conexión multipunto."),
                new("de", "AirWave Pro kabellose In-Ear-Kopfhörer mit ANC", "Hybride aktive Geräuschunterdrückung mit drei Hörmodi. Bis zu 8 Stunden pro Ladung und 36 Stunden mit dem Ladecase; Bluetooth 5.3 mit Multipoint."),
                new("ja", "AirWave Pro ワイヤレスノイズキャンセリングイヤホン", "ハイブリッド式アクティブノイズキャンセリングと3つのリスニングモードを搭載。本体のみで最大8時間、充電ケース併用で最大36時間再生。Bluetooth 5.3、マルチポイント接続対応。"),
            ],
            [V("VW-AWP-BLK", 59.90m, "6975842000010", ("color", "Black")), V("VW-AWP-WHT", 59.90m, null, ("color", "White")), V("VW-AWP-NVY", 59.90m, "6975842000027", ("color", "Midnight Blue"))],
            hue: 200, glyph: "♪", battery: "lithium-ion-in-equipment"),
        Volt("electronics/audio", "851830", 210, new(150, 110, 50),
            [
                new("en", "AirWave Sport Open-Ear Earphones", "Air-conduction earphones that rest outside the ear canal, so you still hear traffic while you run. IPX5 sweat resistance and up to 10 hours of playback."),
                new("zh-Hans", "AirWave Sport 开放式运动耳机", "气传导设计，不入耳，跑步时也能听见周围环境。IPX5级防汗，续航约10小时。"),
                new("es", "Auriculares deportivos abiertos AirWave Sport", "Auriculares de conducción aérea que no se introducen en el oído, para que sigas oyendo el tráfico mientras corres. Resistentes al sudor (IPX5) y hasta 10 horas de reproducción."),
                new("de", "AirWave Sport Open-Ear-Kopfhörer", "Luftleitungs-Kopfhörer, die vor dem Gehörgang sitzen – so hören Sie beim Laufen weiterhin den Verkehr. Schweißgeschützt nach IPX5, bis zu 10 Stunden Wiedergabe."),
            ],
            [V("VW-AWS-BLK", 39.90m, "6975842000034", ("color", "Black")), V("VW-AWS-MNT", 39.90m, null, ("color", "Mint"))],
            hue: 150, glyph: "♫", battery: "lithium-ion-in-equipment"),
        Volt("electronics/audio", "851822", 680, new(200, 110, 110),
            [
                new("en", "BassCube Portable Bluetooth Speaker", "20 W stereo sound with a passive bass radiator in a compact cube. IP67 dustproof and waterproof, up to 16 hours of playback, and pairs with a second BassCube for stereo."),
                new("zh-Hans", "BassCube 便携蓝牙音箱", "20W立体声，内置被动低音振膜，机身小巧。IP67防尘防水，续航约16小时，两台可组成立体声。"),
                new("es", "Altavoz Bluetooth portátil BassCube", "Sonido estéreo de 20 W con radiador pasivo de graves en un formato compacto. Resistente al polvo y al agua (IP67), hasta 16 horas de reproducción y emparejamiento estéreo con un segundo BassCube."),
                new("de", "BassCube tragbarer Bluetooth-Lautsprecher", "20 W Stereoklang mit passivem Bassradiator im kompakten Würfelformat. Staub- und wasserdicht nach IP67, bis zu 16 Stunden Laufzeit; zwei BassCube lassen sich zu einem Stereopaar koppeln."),
                new("ja", "BassCube ポータブルBluetoothスピーカー", "パッシブラジエーター搭載、20Wのステレオサウンドをコンパクトなボディに。IP67防塵防水、最大16時間再生。2台でステレオペアリングも可能です。"),
            ],
            [V("VW-BCB-BLK", 49.90m, "6975842000041", ("color", "Black")), V("VW-BCB-BLU", 49.90m, "6975842000058", ("color", "Ocean Blue")), V("VW-BCB-SND", 49.90m, null, ("color", "Sand"))],
            hue: 20, glyph: "音", battery: "lithium-ion-in-equipment"),
        Volt("electronics/audio", "851830", 560, new(230, 200, 95),
            [
                new("en", "StudioFlow Over-Ear Noise-Cancelling Headphones", "40 mm drivers, adaptive noise cancellation and memory-foam ear cushions for long listening sessions. Up to 50 hours with ANC off; folds flat into the included hard case."),
                new("zh-Hans", "StudioFlow 头戴式主动降噪耳机", "40毫米动圈单元，自适应降噪，记忆棉耳罩久戴舒适。关闭降噪时续航可达50小时，可折叠收纳于随附硬壳包。"),
                new("es", "Auriculares de diadema StudioFlow con cancelación de ruido", "Transductores de 40 mm, cancelación de ruido adaptativa y almohadillas de espuma viscoelástica para escuchar durante horas. Hasta 50 horas con la cancelación desactivada; se pliegan en el estuche rígido incluido."),
                new("de", "StudioFlow Over-Ear-Kopfhörer mit Geräuschunterdrückung", "40-mm-Treiber, adaptive Geräuschunterdrückung und Ohrpolster aus Memory-Schaum für lange Hörsessions. Bis zu 50 Stunden ohne ANC; flach faltbar im mitgelieferten Hardcase."),
                new("ja", "StudioFlow オーバーイヤー ノイズキャンセリングヘッドホン", "40mmドライバーとアダプティブノイズキャンセリングを搭載。低反発イヤーパッドで長時間でも快適です。ANCオフ時は最大50時間再生、付属のハードケースにフラットに収納できます。"),
            ],
            [V("VW-SFH-BLK", 89.00m, "6975842000065", ("color", "Black")), V("VW-SFH-GRY", 89.00m, null, ("color", "Stone Grey"))],
            hue: 260, glyph: "耳", battery: "lithium-ion-in-equipment"),
        Volt("electronics/audio", "851810", 820, new(250, 150, 90),
            [
                new("en", "PodMic USB Condenser Microphone Kit", "Cardioid USB-C microphone with desk stand, pop filter and zero-latency headphone monitoring. Plug and play on Windows and macOS, made for live streams and podcasts."),
                new("zh-Hans", "PodMic USB 电容麦克风套装", "心形指向USB-C麦克风，附桌面支架和防喷罩，支持零延迟耳机监听。Windows与macOS即插即用，适合直播和播客录制。"),
                new("es", "Kit de micrófono de condensador USB PodMic", "Micrófono cardioide USB-C con soporte de mesa, filtro antipop y monitorización sin latencia por auriculares. Se conecta y funciona en Windows y macOS; pensado para directos y pódcast."),
            ],
            [V("VW-PDM-BLK", 69.00m, null, ("color", "Black"))],
            hue: 330, glyph: "M", status: "draft"),

        // electronics/phone-accessories
        Volt("electronics/phone-accessories", "850760", 420, new(160, 95, 35),
            [
                new("en", "PowerCore Slim 22.5W Power Bank", "Slim lithium-polymer power bank with USB-C Power Delivery and an LED charge display. The 10,000 mAh model charges a typical phone about twice; the 20,000 mAh model also tops up tablets."),
                new("zh-Hans", "PowerCore Slim 22.5W 充电宝", "纤薄锂聚合物移动电源，支持USB-C PD快充，配电量数显。10000mAh版本约可为手机充满两次，20000mAh版本也可为平板补电。"),
                new("es", "Batería externa PowerCore Slim de 22,5 W", "Batería externa fina de polímero de litio con carga rápida USB-C Power Delivery y pantalla LED de carga. El modelo de 10 000 mAh carga un móvil unas dos veces; el de 20 000 mAh también sirve para tabletas."),
                new("de", "PowerCore Slim Powerbank 22,5 W", "Schlanke Lithium-Polymer-Powerbank mit USB-C Power Delivery und LED-Ladeanzeige. Das 10.000-mAh-Modell lädt ein Smartphone etwa zweimal, das 20.000-mAh-Modell versorgt auch Tablets."),
            ],
            [V("VW-PCS-10K", 25.90m, "6975842000072", ("capacity", "10,000 mAh")), V("VW-PCS-20K", 39.90m, "6975842000089", ("capacity", "20,000 mAh"))],
            hue: 45, glyph: "電", battery: "lithium-ion-alone", blockedIn: ["AU"]),
        Volt("electronics/phone-accessories", "392690", 90, new(190, 100, 20),
            [
                new("en", "MagGrip Magnetic Shockproof Case", "Slim polycarbonate case with a soft TPU bumper and a built-in magnet ring for MagSafe chargers and mounts. Raised edges around the camera and screen."),
                new("zh-Hans", "MagGrip 磁吸防摔手机壳", "轻薄PC背板搭配TPU软边框，内置磁吸圈，兼容MagSafe充电器和支架。镜头与屏幕四周加高防护。"),
                new("es", "Funda magnética antigolpes MagGrip", "Funda fina de policarbonato con marco de TPU flexible y anillo magnético integrado, compatible con cargadores y soportes MagSafe. Bordes elevados alrededor de la cámara y la pantalla."),
                new("de", "MagGrip magnetische Schutzhülle", "Schlanke Polycarbonat-Hülle mit weichem TPU-Rahmen und integriertem Magnetring für MagSafe-Ladegeräte und -Halterungen. Erhöhte Ränder schützen Kamera und Display."),
                new("ja", "MagGrip マグネット式耐衝撃ケース", "薄型ポリカーボネートにやわらかいTPUバンパーを組み合わせ、マグネットリングを内蔵。MagSafe対応の充電器やホルダーに使えます。カメラと画面の周囲は縁を高くしています。"),
            ],
            [
                V("VW-MGC-16-BLK", 19.90m, "6975842000096", ("model", "iPhone 16"), ("color", "Frosted Black")),
                V("VW-MGC-16P-BLK", 19.90m, "6975842000102", ("model", "iPhone 16 Pro"), ("color", "Frosted Black")),
                V("VW-MGC-16-CLR", 17.90m, null, ("model", "iPhone 16"), ("color", "Clear")),
                V("VW-MGC-16P-CLR", 17.90m, null, ("model", "iPhone 16 Pro"), ("color", "Clear")),
            ],
            hue: 290, glyph: "壳"),
        Volt("electronics/phone-accessories", "850440", 210, new(110, 80, 45),
            [
                new("en", "VoltCharge 65W GaN 3-Port Charger", "Two USB-C ports and one USB-A port in a compact gallium-nitride charger. Delivers up to 65 W to a laptop from a single port and splits power automatically when several devices are connected."),
                new("zh-Hans", "VoltCharge 65W 氮化镓三口充电器", "两个USB-C口加一个USB-A口，氮化镓方案，体积小巧。单口最高65W可为笔记本充电，多设备同时连接时自动分配功率。"),
                new("es", "Cargador GaN VoltCharge de 65 W con 3 puertos", "Dos puertos USB-C y uno USB-A en un cargador compacto de nitruro de galio. Hasta 65 W para un portátil por un solo puerto, con reparto automático de potencia al conectar varios dispositivos."),
                new("de", "VoltCharge 65 W GaN-Ladegerät mit 3 Anschlüssen", "Zwei USB-C-Anschlüsse und ein USB-A-Anschluss in einem kompakten Galliumnitrid-Netzteil. Liefert bis zu 65 W an ein Notebook und verteilt die Leistung automatisch, wenn mehrere Geräte angeschlossen sind."),
            ],
            [V("VW-GAN65-US", 35.90m, "6975842000119", ("plug", "US (Type A)")), V("VW-GAN65-EU", 35.90m, "6975842000126", ("plug", "EU (Type C)")), V("VW-GAN65-UK", 36.90m, null, ("plug", "UK (Type G)"))],
            hue: 100, glyph: "充"),
        Volt("electronics/phone-accessories", "854442", 70, new(120, 90, 25),
            [
                new("en", "FlexLine Braided USB-C to USB-C Cable, 100W", "Nylon-braided cable with aluminium connector housings, rated for 100 W charging and USB 2.0 data. Tested to 20,000 bends."),
                new("zh-Hans", "FlexLine 编织USB-C快充数据线 100W", "尼龙编织线身，铝合金接头外壳，支持100W充电及USB 2.0数据传输。经过2万次弯折测试。"),
                new("es", "Cable trenzado USB-C a USB-C FlexLine de 100 W", "Cable de nailon trenzado con conectores de aluminio, apto para carga de 100 W y datos USB 2.0. Probado con 20 000 flexiones."),
                new("de", "FlexLine USB-C auf USB-C Kabel, geflochten, 100 W", "Nylonumflochtenes Kabel mit Steckergehäusen aus Aluminium, ausgelegt für 100 W Ladeleistung und USB-2.0-Datenübertragung. Auf 20.000 Biegezyklen getestet."),
            ],
            [V("VW-FLC-1M", 8.90m, "6975842000133", ("length", "1 m")), V("VW-FLC-2M", 10.90m, "6975842000140", ("length", "2 m")), V("VW-FLC-3M", 12.90m, null, ("length", "3 m"))],
            hue: 185, glyph: "C"),
        Volt("electronics/phone-accessories", "850440", 480, new(180, 120, 70),
            [
                new("en", "TriDock 3-in-1 Foldable Wireless Charging Station", "Charges a phone, earbuds and a smartwatch at the same time, then folds to the size of a paperback for travel. 15 W magnetic phone charging; USB-C power adapter included."),
                new("zh-Hans", "TriDock 三合一折叠无线充电座", "手机、耳机、手表可同时充电，折叠后只有一本口袋书大小，出差旅行方便携带。手机位支持15W磁吸无线充，附USB-C电源适配器。"),
                new("es", "Estación de carga inalámbrica plegable 3 en 1 TriDock", "Carga a la vez el móvil, los auriculares y el reloj inteligente, y se pliega al tamaño de un libro de bolsillo para viajar. Carga magnética de 15 W para el móvil; incluye adaptador de corriente USB-C."),
                new("ja", "TriDock 3in1 折りたたみワイヤレス充電スタンド", "スマートフォン、イヤホン、スマートウォッチを同時に充電。折りたためば文庫本ほどのサイズになり、旅行にも便利です。スマホ用は15Wマグネット充電、USB-C電源アダプター付属。"),
            ],
            [V("VW-TRD-WHT", 45.90m, "6975842000157", ("color", "White")), V("VW-TRD-BLK", 45.90m, null, ("color", "Black"))],
            hue: 170, glyph: "◎"),

        // electronics/smart-home
        Volt("electronics/smart-home", "853650", 260, new(130, 110, 70),
            [
                new("en", "HomeLink Wi-Fi Smart Plug with Energy Monitoring", "Switch lamps and appliances from your phone, set schedules and see power use in real time. Works with Alexa and Google Home; no hub required."),
                new("zh-Hans", "HomeLink WiFi 智能插座（电量统计）", "手机远程开关台灯和电器，可设置定时并实时查看用电功率。支持Alexa和Google Home，无需网关。"),
                new("es", "Enchufe inteligente Wi-Fi HomeLink con medición de consumo", "Enciende lámparas y electrodomésticos desde el móvil, programa horarios y consulta el consumo en tiempo real. Compatible con Alexa y Google Home, sin necesidad de hub."),
                new("de", "HomeLink WLAN-Steckdose mit Verbrauchsmessung", "Schalten Sie Lampen und Geräte per App, legen Sie Zeitpläne fest und sehen Sie den Stromverbrauch in Echtzeit. Funktioniert mit Alexa und Google Home, ohne Hub."),
            ],
            [
                V("VW-HLP-US-2", 24.90m, "6975842000164", ("plug", "US (Type B)"), ("pack", "2 plugs")),
                V("VW-HLP-EU-2", 26.90m, "6975842000171", ("plug", "EU (Type F)"), ("pack", "2 plugs")),
                V("VW-HLP-UK-2", 26.90m, null, ("plug", "UK (Type G)"), ("pack", "2 plugs")),
                V("VW-HLP-EU-4", 47.90m, null, ("plug", "EU (Type F)"), ("pack", "4 plugs")),
            ],
            hue: 210, glyph: "插"),
        Volt("electronics/smart-home", "853952", 90, new(120, 65, 65),
            [
                new("en", "HomeLink Smart LED Bulb, 9W RGBW", "Dimmable bulb with 16 million colours and tunable white from 2700 K to 6500 K. Replaces a 60 W incandescent bulb and connects directly over Wi-Fi."),
                new("zh-Hans", "HomeLink 智能LED灯泡 9W 彩光", "可调光，1600万种色彩，白光色温2700K–6500K可调。亮度相当于60W白炽灯，直接连接WiFi使用。"),
                new("es", "Bombilla LED inteligente HomeLink de 9 W RGBW", "Bombilla regulable con 16 millones de colores y luz blanca ajustable de 2700 K a 6500 K. Equivale a una incandescente de 60 W y se conecta directamente por Wi-Fi."),
                new("de", "HomeLink smarte LED-Lampe, 9 W RGBW", "Dimmbare Lampe mit 16 Millionen Farben und einstellbarem Weißlicht von 2700 K bis 6500 K. Ersetzt eine 60-W-Glühlampe und verbindet sich direkt per WLAN."),
                new("ja", "HomeLink スマートLED電球 9W RGBW", "1,600万色のカラーと2700K〜6500Kの調色に対応した調光式電球。60W形白熱電球相当の明るさで、Wi-Fiに直接接続できます。"),
            ],
            [V("VW-HLB-E27", 12.90m, "6975842000188", ("base", "E27")), V("VW-HLB-E26", 12.90m, "6975842000195", ("base", "E26")), V("VW-HLB-B22", 12.90m, null, ("base", "B22"))],
            hue: 50, glyph: "☀"),
        Volt("electronics/smart-home", "852589", 350, new(120, 100, 100),
            [
                new("en", "HomeLink 2K Pan-Tilt Indoor Camera", "360° pan and tilt, night vision and two-way audio. Motion and sound alerts go to your phone; recordings are saved to a microSD card of up to 256 GB, with no subscription required."),
                new("zh-Hans", "HomeLink 2K 云台室内摄像头", "支持360°云台转动、夜视和双向语音。移动和声音侦测实时推送到手机，录像可存储于最大256GB的microSD卡，无需订阅云服务。"),
                new("es", "Cámara de interior motorizada HomeLink 2K", "Giro e inclinación de 360°, visión nocturna y audio bidireccional. Avisos de movimiento y sonido en el móvil; grabación en tarjeta microSD de hasta 256 GB, sin suscripción."),
                new("de", "HomeLink 2K Schwenk-Neige-Innenkamera", "360°-Schwenken und -Neigen, Nachtsicht und Gegensprechfunktion. Bewegungs- und Geräuschalarme aufs Smartphone; Aufnahmen auf microSD-Karte bis 256 GB, ohne Abo."),
            ],
            [V("VW-HLC-WHT", 39.90m, "6975842000201", ("color", "White"))],
            hue: 230, glyph: "◉"),
        Volt("electronics/smart-home", "902580", 110, new(90, 90, 40),
            [
                new("en", "HomeLink Temperature & Humidity Sensor", "Compact Bluetooth sensor with an LCD display that records temperature and humidity every minute. Set alerts for a nursery, greenhouse or wine cabinet; runs about a year on one CR2032 battery."),
                new("zh-Hans", "HomeLink 温湿度传感器", "小巧的蓝牙温湿度计，带液晶屏，每分钟记录一次温度和湿度。可为婴儿房、温室或酒柜设置提醒，一颗CR2032电池约可使用一年。"),
                new("es", "Sensor de temperatura y humedad HomeLink", "Sensor Bluetooth compacto con pantalla LCD que registra la temperatura y la humedad cada minuto. Configura avisos para el cuarto del bebé, el invernadero o la vinoteca; una pila CR2032 dura aproximadamente un año."),
                new("ja", "HomeLink 温湿度センサー", "液晶ディスプレイ付きのコンパクトなBluetoothセンサーで、温度と湿度を1分ごとに記録します。子ども部屋や温室、ワインセラー向けに通知を設定でき、CR2032電池1個で約1年使えます。"),
            ],
            [V("VW-HLT-1", 14.90m, "6975842000218", ("pack", "1 sensor")), V("VW-HLT-3", 36.90m, null, ("pack", "3 sensors"))],
            hue: 190, glyph: "℃", battery: "lithium-metal-in-equipment"),

        // electronics/wearables
        Volt("electronics/wearables", "851762", 320, new(130, 100, 80),
            [
                new("en", "Pulse S3 AMOLED Smartwatch", "1.43-inch AMOLED display, built-in GPS, heart-rate and SpO2 tracking, and more than 100 sport modes. Up to 12 days of battery life in typical use; water resistant to 5 ATM."),
                new("zh-Hans", "Pulse S3 AMOLED 智能手表", "1.43英寸AMOLED屏幕，内置GPS，支持心率、血氧监测和100多种运动模式。典型使用续航最长12天，5ATM防水。"),
                new("es", "Reloj inteligente Pulse S3 AMOLED", "Pantalla AMOLED de 1,43 pulgadas, GPS integrado, seguimiento de frecuencia cardíaca y SpO2 y más de 100 modos deportivos. Hasta 12 días de autonomía con un uso típico; resistente al agua 5 ATM."),
                new("de", "Pulse S3 AMOLED-Smartwatch", "1,43-Zoll-AMOLED-Display, integriertes GPS, Herzfrequenz- und SpO2-Messung sowie über 100 Sportmodi. Bis zu 12 Tage Akkulaufzeit bei typischer Nutzung; wasserdicht bis 5 ATM."),
                new("ja", "Pulse S3 AMOLEDスマートウォッチ", "1.43インチAMOLEDディスプレイ、GPS内蔵。心拍数・血中酸素の測定と100種類以上のスポーツモードに対応。通常使用で最大12日間のバッテリー持ち、5気圧防水。"),
            ],
            [
                V("VW-PS3-42-BLK", 79.00m, "6975842000225", ("size", "42 mm"), ("color", "Midnight Black")),
                V("VW-PS3-42-SLV", 79.00m, "6975842000232", ("size", "42 mm"), ("color", "Silver")),
                V("VW-PS3-46-BLK", 89.00m, null, ("size", "46 mm"), ("color", "Midnight Black")),
                V("VW-PS3-46-SLV", 89.00m, null, ("size", "46 mm"), ("color", "Silver")),
            ],
            hue: 0, glyph: "表", battery: "lithium-ion-in-equipment"),
        Volt("electronics/wearables", "851762", 120, new(150, 70, 50),
            [
                new("en", "Pulse Band 2 Fitness Tracker", "Lightweight band with a colour touch screen, step, sleep and heart-rate tracking, and call and message notifications. About 14 days per charge."),
                new("zh-Hans", "Pulse Band 2 智能运动手环", "轻巧手环，彩色触控屏，记录步数、睡眠和心率，支持来电与消息提醒。充电一次约可使用14天。"),
                new("es", "Pulsera de actividad Pulse Band 2", "Pulsera ligera con pantalla táctil a color, registro de pasos, sueño y frecuencia cardíaca, y avisos de llamadas y mensajes. Unos 14 días de autonomía por carga."),
                new("de", "Pulse Band 2 Fitness-Tracker", "Leichtes Armband mit Farb-Touchscreen, Schritt-, Schlaf- und Herzfrequenz-Tracking sowie Anruf- und Nachrichtenbenachrichtigungen. Rund 14 Tage Laufzeit pro Ladung."),
            ],
            [V("VW-PB2-BLK", 29.90m, "6975842000249", ("color", "Black")), V("VW-PB2-PNK", 29.90m, null, ("color", "Blush Pink")), V("VW-PB2-GRN", 29.90m, null, ("color", "Sage Green"))],
            hue: 340, glyph: "♥", battery: "lithium-ion-in-equipment"),
        Volt("electronics/wearables", "851762", 95, new(80, 80, 50),
            [
                new("en", "Pulse Ring Smart Ring", "A titanium ring that tracks sleep, heart rate and activity without a screen. Weighs about 3 g, lasts up to 6 days per charge and comes with a sizing kit so you can check the fit first."),
                new("zh-Hans", "Pulse Ring 智能戒指", "钛合金戒指，无屏幕也能记录睡眠、心率和日常活动。重约3克，单次充电续航最长6天，附尺码测量套件，可先确认尺寸。"),
                new("es", "Anillo inteligente Pulse Ring", "Anillo de titanio que registra el sueño, la frecuencia cardíaca y la actividad sin pantalla. Pesa unos 3 g, ofrece hasta 6 días de autonomía e incluye un kit de tallas para comprobar el ajuste."),
                new("ja", "Pulse Ring スマートリング", "画面なしで睡眠・心拍数・活動量を記録するチタン製リング。重さ約3g、1回の充電で最大6日間使用でき、事前にサイズを確認できるサイジングキット付きです。"),
            ],
            [
                V("VW-PRG-8-BLK", 129.00m, "6975842000256", ("size", "8"), ("color", "Matte Black")),
                V("VW-PRG-9-BLK", 129.00m, null, ("size", "9"), ("color", "Matte Black")),
                V("VW-PRG-10-BLK", 129.00m, null, ("size", "10"), ("color", "Matte Black")),
                V("VW-PRG-9-GLD", 139.00m, "6975842000263", ("size", "9"), ("color", "Gold")),
            ],
            hue: 30, glyph: "○", battery: "lithium-ion-in-equipment"),
        Volt("electronics/wearables", "851762", 200, new(120, 90, 70),
            [
                new("en", "Pulse Kids 4G GPS Smartwatch", "Video and voice calls with parent-approved contacts only, GPS and Wi-Fi location, and a school mode that locks the watch during class. Requires a nano-SIM card (not included)."),
                new("zh-Hans", "Pulse Kids 4G 儿童定位手表", "仅可与家长设定的联系人视频或语音通话，支持GPS与WiFi定位，上课禁用模式可在课堂上锁定手表。需自备Nano SIM卡。"),
                new("es", "Reloj inteligente infantil Pulse Kids 4G con GPS", "Videollamadas y llamadas solo con contactos aprobados por los padres, localización por GPS y Wi-Fi y modo escuela que bloquea el reloj en clase. Requiere tarjeta nano-SIM (no incluida)."),
            ],
            [V("VW-PKW-BLU", 59.90m, "6975842000270", ("color", "Sky Blue")), V("VW-PKW-PNK", 59.90m, "6975842000287", ("color", "Coral Pink"))],
            hue: 120, glyph: "童", battery: "lithium-ion-in-equipment", blockedIn: ["DE"]),

        // electronics/computer-accessories
        Volt("electronics/computer-accessories", "847330", 150, new(150, 80, 30),
            [
                new("en", "DockLink USB-C Multiport Hub", "Adds 4K HDMI, two USB-A 3.0 ports, SD and microSD readers and 100 W USB-C pass-through charging to your laptop. The 10-in-1 model adds Gigabit Ethernet, VGA and a 3.5 mm audio jack."),
                new("zh-Hans", "DockLink USB-C 多功能扩展坞", "为笔记本扩展4K HDMI、两个USB-A 3.0接口、SD/microSD读卡器及100W USB-C充电直通。十合一版本另有千兆网口、VGA和3.5毫米音频接口。"),
                new("es", "Hub USB-C multipuerto DockLink", "Añade a tu portátil HDMI 4K, dos puertos USB-A 3.0, lectores de tarjetas SD y microSD y carga USB-C de 100 W. El modelo 10 en 1 suma Ethernet Gigabit, VGA y una toma de audio de 3,5 mm."),
                new("de", "DockLink USB-C-Multiport-Hub", "Erweitert Ihr Notebook um 4K-HDMI, zwei USB-A-3.0-Anschlüsse, SD- und microSD-Kartenleser sowie 100 W USB-C-Durchladen. Das 10-in-1-Modell bietet zusätzlich Gigabit-Ethernet, VGA und eine 3,5-mm-Audiobuchse."),
                new("ja", "DockLink USB-C マルチポートハブ", "ノートPCに4K HDMI、USB-A 3.0×2、SD/microSDカードリーダー、100W USB-Cパススルー充電を追加。10in1モデルはギガビットEthernet、VGA、3.5mmオーディオ端子にも対応します。"),
            ],
            [V("VW-DL7-GRY", 32.90m, "6975842000294", ("ports", "7-in-1")), V("VW-DL10-GRY", 49.90m, null, ("ports", "10-in-1"))],
            hue: 215, glyph: "⇄"),
        Volt("electronics/computer-accessories", "847160", 1150, new(380, 160, 60),
            [
                new("en", "TactiKey K75 Wireless Mechanical Keyboard", "Compact 75% layout with hot-swappable switches, gasket mount and PBT keycaps. Connects over Bluetooth, 2.4 GHz or USB-C cable; 4000 mAh battery."),
                new("zh-Hans", "TactiKey K75 三模无线机械键盘", "紧凑75%配列，支持热插拔轴体，Gasket结构，PBT键帽。蓝牙、2.4G无线和USB-C有线三模连接，内置4000mAh电池。"),
                new("es", "Teclado mecánico inalámbrico TactiKey K75", "Formato compacto del 75 % con interruptores intercambiables en caliente, montaje tipo gasket y teclas de PBT. Conexión por Bluetooth, 2,4 GHz o cable USB-C; batería de 4000 mAh."),
                new("de", "TactiKey K75 kabellose mechanische Tastatur", "Kompaktes 75-%-Layout mit Hot-Swap-Schaltern, Gasket-Mount und PBT-Tastenkappen. Verbindung per Bluetooth, 2,4 GHz oder USB-C-Kabel; 4000-mAh-Akku."),
                new("ja", "TactiKey K75 ワイヤレスメカニカルキーボード", "コンパクトな75%レイアウトに、ホットスワップ対応スイッチ、ガスケットマウント、PBTキーキャップを採用。Bluetooth・2.4GHz・USB-C有線の3モード接続、4000mAhバッテリー内蔵。"),
            ],
            [
                V("VW-K75-US-RED", 69.90m, "6975842000300", ("layout", "US ANSI"), ("switch", "Linear Red")),
                V("VW-K75-US-BRN", 69.90m, null, ("layout", "US ANSI"), ("switch", "Tactile Brown")),
                V("VW-K75-DE-BRN", 74.90m, "6975842000317", ("layout", "DE ISO"), ("switch", "Tactile Brown")),
                V("VW-K75-JP-RED", 74.90m, null, ("layout", "JIS"), ("switch", "Linear Red")),
            ],
            hue: 275, glyph: "K", battery: "lithium-ion-in-equipment"),
        Volt("electronics/computer-accessories", "847160", 110, new(140, 90, 50),
            [
                new("en", "GlideOne Silent Wireless Mouse", "Quiet-click buttons, adjustable 800–2400 DPI and a symmetrical shape for either hand. Switches between its USB receiver and Bluetooth at the press of a button."),
                new("zh-Hans", "GlideOne 静音无线鼠标", "静音按键，800–2400 DPI三档可调，左右手对称造型。一键切换USB接收器与蓝牙连接。"),
                new("es", "Ratón inalámbrico silencioso GlideOne", "Botones de clic silencioso, DPI ajustable de 800 a 2400 y forma simétrica para diestros y zurdos. Cambia entre el receptor USB y Bluetooth con un solo botón."),
                new("de", "GlideOne leise kabellose Maus", "Leise Klicktasten, einstellbare 800–2400 DPI und eine symmetrische Form für Rechts- und Linkshänder. Wechselt per Knopfdruck zwischen USB-Empfänger und Bluetooth."),
            ],
            [V("VW-GLM-GRP", 15.90m, "6975842000324", ("color", "Graphite")), V("VW-GLM-WHT", 15.90m, null, ("color", "Cloud White")), V("VW-GLM-LAV", 15.90m, null, ("color", "Lavender"))],
            hue: 240, glyph: "鼠"),
        Volt("electronics/computer-accessories", "761699", 920, new(290, 260, 50),
            [
                new("en", "LiftAir Adjustable Aluminium Laptop Stand", "Raises your laptop screen to eye level with six height settings and folds flat for your bag. Fits 10- to 16-inch laptops; silicone pads keep it from sliding."),
                new("zh-Hans", "LiftAir 铝合金笔记本支架", "六档高度可调，将屏幕抬高至视线高度，可折叠放入包中。适用10–16英寸笔记本，硅胶垫防滑。"),
                new("es", "Soporte de aluminio ajustable para portátil LiftAir", "Eleva la pantalla del portátil a la altura de los ojos con seis posiciones y se pliega para llevarlo en la mochila. Para portátiles de 10 a 16 pulgadas; almohadillas de silicona antideslizantes."),
                new("de", "LiftAir verstellbarer Laptopständer aus Aluminium", "Bringt den Bildschirm mit sechs Höhenstufen auf Augenhöhe und lässt sich flach zusammenklappen. Für Notebooks von 10 bis 16 Zoll; Silikonpads verhindern das Verrutschen."),
            ],
            [V("VW-LFA-SLV", 29.90m, "6975842000331", ("color", "Silver")), V("VW-LFA-GRY", 29.90m, null, ("color", "Space Grey"))],
            hue: 180, glyph: "△"),

        // ───── Hangzhou Silk & Bloom (CNY) ─────

        // apparel/women
        Silk("apparel/women", "620610", 260, new(300, 240, 30),
            [
                new("en", "22 Momme Mulberry Silk Shirt", "Heavyweight mulberry silk crêpe de chine with a fluid drape and a soft sheen. A classic collared shirt for the office that also works open as a light layer. Hand wash or dry clean."),
                new("zh-Hans", "22姆米重磅真丝衬衫", "采用22姆米桑蚕丝双绉面料，垂坠顺滑，光泽柔和。经典翻领设计，可搭配西裤通勤，也可敞开作为轻薄外搭。建议手洗或干洗。"),
                new("es", "Camisa de seda de morera de 22 momme", "Crepé de China de seda de morera de gramaje alto, con caída fluida y un brillo suave. Una camisa clásica para la oficina que también puede llevarse abierta como capa ligera. Lavar a mano o en seco."),
                new("de", "Hemdbluse aus Maulbeerseide, 22 Momme", "Schwerer Crêpe de Chine aus Maulbeerseide mit fließendem Fall und sanftem Glanz. Ein klassisches Hemd fürs Büro, das sich offen getragen auch als leichte Lage eignet. Handwäsche oder chemische Reinigung."),
                new("ja", "22匁 シルクシャツ", "重めの22匁シルククレープデシン。なめらかな落ち感と上品なつやが魅力です。オフィスにはもちろん、羽織りとしても使えます。手洗いまたはドライクリーニング。"),
            ],
            [
                V("SB-SS22-IVY-S", 698.00m, "6973316000016", ("size", "S"), ("color", "Ivory")),
                V("SB-SS22-IVY-M", 698.00m, "6973316000023", ("size", "M"), ("color", "Ivory")),
                V("SB-SS22-IVY-L", 698.00m, null, ("size", "L"), ("color", "Ivory")),
                V("SB-SS22-BLK-M", 698.00m, null, ("size", "M"), ("color", "Black")),
            ],
            hue: 40, glyph: "丝"),
        Silk("apparel/women", "620449", 240, new(300, 240, 30),
            [
                new("en", "Mulberry Silk Bias-Cut Slip Dress", "19 momme silk satin cut on the bias to skim the body, with adjustable straps. Wear it on its own or layer it under a knit cardigan."),
                new("zh-Hans", "真丝斜裁吊带连衣裙", "19姆米桑蚕丝缎面，斜裁版型贴合身形，肩带可调节。单穿或外搭针织开衫都很合适。"),
                new("es", "Vestido lencero de seda de morera cortado al bies", "Satén de seda de morera de 19 momme cortado al bies para acompañar la silueta, con tirantes ajustables. Puede llevarse solo o con una chaqueta de punto encima."),
                new("de", "Slipdress aus Maulbeerseide im Schrägschnitt", "Seidensatin mit 19 Momme, schräg geschnitten für eine fließende Silhouette, mit verstellbaren Trägern. Solo tragen oder mit einer Strickjacke kombinieren."),
                new("ja", "シルク バイアスカット スリップドレス", "19匁のシルクサテンをバイアスカットで仕立て、体のラインにやさしく沿います。ストラップは調節可能。一枚でも、ニットカーディガンと重ねても。"),
            ],
            [
                V("SB-SSD-CHP-S", 899.00m, "6973316000030", ("size", "S"), ("color", "Champagne")),
                V("SB-SSD-CHP-M", 899.00m, "6973316000047", ("size", "M"), ("color", "Champagne")),
                V("SB-SSD-NVY-M", 899.00m, null, ("size", "M"), ("color", "Midnight Navy")),
            ],
            hue: 330, glyph: "裙"),
        Silk("apparel/women", "620442", 380, new(320, 250, 40),
            [
                new("en", "Floral Print Cotton Midi Dress", "Cotton poplin with a hand-painted floral print, a tie waist and a below-the-knee hem. Light and breathable for spring and summer."),
                new("zh-Hans", "印花纯棉中长连衣裙", "100%棉府绸面料，手绘风小碎花印花，收腰系带设计，裙长过膝。轻薄透气，适合春夏日常穿着。"),
                new("es", "Vestido midi de algodón con estampado floral", "Popelín de algodón con estampado floral pintado a mano, lazada en la cintura y largo por debajo de la rodilla. Ligero y transpirable para primavera y verano."),
                new("de", "Midikleid aus Baumwolle mit Blumenprint", "Baumwollpopeline mit handgemaltem Blumenmuster, Bindegürtel und wadenlangem Saum. Leicht und atmungsaktiv für Frühling und Sommer."),
            ],
            [V("SB-FMD-S", 329.00m, "6973316000054", ("size", "S")), V("SB-FMD-M", 329.00m, null, ("size", "M")), V("SB-FMD-L", 329.00m, null, ("size", "L"))],
            hue: 100, glyph: "花"),
        Silk("apparel/women", "611011", 420, new(320, 260, 50),
            [
                new("en", "Merino Wool V-Neck Cardigan", "Fine 100% merino wool that is soft against the skin, with a V-neck and single-breasted buttons for work or weekends. Hand wash cold and dry flat."),
                new("zh-Hans", "美丽诺羊毛V领针织开衫", "100%美丽诺羊毛，细腻柔软不扎身，V领单排扣设计，通勤休闲皆宜。建议冷水手洗后平铺晾干。"),
                new("es", "Chaqueta de punto de lana merino con cuello de pico", "Lana merino 100 % fina y suave sobre la piel, con cuello de pico y botonadura sencilla para el trabajo o el fin de semana. Lavar a mano en frío y secar en horizontal."),
                new("de", "Merino-Cardigan mit V-Ausschnitt", "Feine, hautfreundliche Merinowolle (100 %) mit V-Ausschnitt und einreihiger Knopfleiste – fürs Büro wie fürs Wochenende. Kalt von Hand waschen und liegend trocknen."),
            ],
            [
                V("SB-MWC-OAT-S", 459.00m, "6973316000061", ("size", "S"), ("color", "Oatmeal")),
                V("SB-MWC-OAT-M", 459.00m, "6973316000078", ("size", "M"), ("color", "Oatmeal")),
                V("SB-MWC-CHR-M", 459.00m, null, ("size", "M"), ("color", "Charcoal")),
                V("SB-MWC-CHR-L", 459.00m, null, ("size", "L"), ("color", "Charcoal")),
            ],
            hue: 25, glyph: "毛"),
        Silk("apparel/women", "620469", 350, new(320, 250, 40),
            [
                new("en", "High-Waist Linen Wide-Leg Trousers", "Pure linen with a high waist, an elasticated back and a relaxed wide leg that stays cool in summer."),
                new("zh-Hans", "亚麻高腰阔腿裤", "100%亚麻，高腰设计配松紧后腰，垂感阔腿版型，夏季穿着清爽透气。"),
                new("es", "Pantalón de lino de pierna ancha y tiro alto", "Lino 100 % con tiro alto, cintura elástica en la espalda y pierna ancha con caída, fresco para el verano."),
            ],
            [V("SB-LWT-NAT-M", 269.00m, null, ("size", "M"), ("color", "Natural")), V("SB-LWT-NAT-L", 269.00m, null, ("size", "L"), ("color", "Natural"))],
            hue: 60, glyph: "麻", status: "archived"),

        // apparel/men
        Silk("apparel/men", "620520", 340, new(320, 250, 40),
            [
                new("en", "Men's Cotton Oxford Button-Down Shirt", "Combed cotton oxford cloth with a button-down collar and an easy-care finish that needs little ironing. Smart enough for the office, relaxed enough for the weekend."),
                new("zh-Hans", "男士纯棉牛津纺衬衫", "精梳棉牛津纺面料，纽扣领设计，经过易打理处理，无需频繁熨烫。商务休闲两相宜。"),
                new("es", "Camisa Oxford de algodón para hombre", "Tejido Oxford de algodón peinado con cuello abotonado y un acabado de fácil cuidado que apenas necesita plancha. Formal para la oficina y cómoda para el fin de semana."),
                new("de", "Herren-Oxfordhemd aus Baumwolle", "Oxford-Gewebe aus gekämmter Baumwolle mit Button-down-Kragen und bügelleichter Ausrüstung. Passt ins Büro ebenso wie ans Wochenende."),
            ],
            [
                V("SB-MOX-BLU-M", 239.00m, "6973316000085", ("size", "M"), ("color", "Light Blue")),
                V("SB-MOX-BLU-L", 239.00m, "6973316000092", ("size", "L"), ("color", "Light Blue")),
                V("SB-MOX-WHT-L", 239.00m, null, ("size", "L"), ("color", "White")),
                V("SB-MOX-WHT-XL", 239.00m, null, ("size", "XL"), ("color", "White")),
            ],
            hue: 210, glyph: "衫"),
        Silk("apparel/men", "610910", 280, new(300, 240, 30),
            [
                new("en", "Heavyweight 260 g Cotton T-Shirt", "Dense 260 g/m² combed cotton jersey that holds its shape and is not see-through, in a relaxed dropped-shoulder fit. Pre-shrunk to keep its size after washing."),
                new("zh-Hans", "260克重磅纯棉T恤", "260克重磅精梳棉，厚实挺括不易透，落肩宽松版型。经过预缩处理，洗后不易变形。"),
                new("es", "Camiseta de algodón grueso de 260 g", "Punto de algodón peinado de 260 g/m², denso y nada transparente, que mantiene la forma, con hombro caído y corte holgado. Preencogida para conservar la talla tras el lavado."),
                new("de", "Schweres Baumwoll-T-Shirt, 260 g", "Dichter Jersey aus gekämmter Baumwolle (260 g/m²), formstabil und blickdicht, mit überschnittenen Schultern und lockerer Passform. Vorgeschrumpft, damit die Größe auch nach dem Waschen passt."),
                new("ja", "260g 厚手コットンTシャツ", "260g/m²のコーマコットン天竺を使用。型崩れしにくく透けにくい生地で、ドロップショルダーのゆったりシルエット。防縮加工済みで洗濯後もサイズが変わりにくい仕様です。"),
            ],
            [
                V("SB-HWT-WHT-M", 129.00m, "6973316000108", ("size", "M"), ("color", "White")),
                V("SB-HWT-WHT-L", 129.00m, "6973316000115", ("size", "L"), ("color", "White")),
                V("SB-HWT-BLK-L", 129.00m, null, ("size", "L"), ("color", "Black")),
                V("SB-HWT-BLK-XL", 129.00m, null, ("size", "XL"), ("color", "Black")),
            ],
            hue: 15, glyph: "T"),
        Silk("apparel/men", "610590", 260, new(300, 240, 30),
            [
                new("en", "Men's Silk-Cotton Knit Polo", "A knitted polo in 70% mulberry silk and 30% cotton that feels cool and smooth on warm days. Dressy enough to wear under a blazer."),
                new("zh-Hans", "男士真丝棉针织Polo衫", "桑蚕丝混纺针织面料（桑蚕丝70%、棉30%），凉爽顺滑，适合夏季商务休闲，搭配西装外套也很得体。"),
                new("es", "Polo de punto de seda y algodón para hombre", "Polo de punto con un 70 % de seda de morera y un 30 % de algodón, fresco y suave en los días de calor. Lo bastante elegante para llevarlo con americana."),
                new("de", "Herren-Strickpolo aus Seide und Baumwolle", "Strickpolo aus 70 % Maulbeerseide und 30 % Baumwolle, angenehm kühl und glatt an warmen Tagen. Elegant genug für den Blazer."),
            ],
            [V("SB-MSP-NVY-M", 399.00m, "6973316000122", ("size", "M"), ("color", "Navy")), V("SB-MSP-NVY-L", 399.00m, null, ("size", "L"), ("color", "Navy")), V("SB-MSP-SGE-L", 399.00m, null, ("size", "L"), ("color", "Sage"))],
            hue: 190, glyph: "P"),

        // apparel/accessories
        Silk("apparel/accessories", "621410", 120, new(200, 200, 20),
            [
                new("en", "Hand-Rolled Mulberry Silk Square Scarf", "100% mulberry silk twill with hand-rolled edges and an original West Lake lotus print. Tie it at the neck, in your hair or on a bag handle."),
                new("zh-Hans", "杭州真丝印花方巾", "100%桑蚕丝斜纹绸，手工卷边，原创西湖荷花印花。可系于颈间、发间或包带上。"),
                new("es", "Pañuelo cuadrado de seda de morera con dobladillo a mano", "Sarga 100 % seda de morera con bordes enrollados a mano y un estampado original de lotos del Lago del Oeste. Anúdalo al cuello, en el pelo o en el asa del bolso."),
                new("de", "Seidenkarree aus Maulbeerseide, handrolliert", "Seidentwill aus 100 % Maulbeerseide mit handrollierten Kanten und einem eigenen Lotosmuster vom Westsee. Um den Hals, im Haar oder am Taschengriff tragen."),
                new("ja", "ハンドロール仕上げ シルクスカーフ", "シルク100%のツイルに手巻きの縁かがり、西湖の蓮を描いたオリジナルプリント。首元やヘアアレンジ、バッグのハンドルに。"),
            ],
            [
                V("SB-SQS-90-LOT", 358.00m, "6973316000139", ("size", "90 × 90 cm"), ("pattern", "Lotus")),
                V("SB-SQS-53-LOT", 198.00m, "6973316000146", ("size", "53 × 53 cm"), ("pattern", "Lotus")),
                V("SB-SQS-90-CRN", 358.00m, null, ("size", "90 × 90 cm"), ("pattern", "Crane")),
            ],
            hue: 350, glyph: "巾"),
        Silk("apparel/accessories", "621710", 60, new(150, 100, 30),
            [
                new("en", "Mulberry Silk Scrunchies, Set of 3", "19 momme silk wrapped around a soft elastic that holds hair without pulling and leaves fewer creases. Three colours per set."),
                new("zh-Hans", "真丝发圈三件装", "19姆米桑蚕丝包裹柔软弹力圈，扎发不勒，不易留下压痕。每套三色。"),
                new("es", "Coleteros de seda de morera, pack de 3", "Seda de 19 momme sobre un elástico suave que sujeta el pelo sin tirones y deja menos marcas. Tres colores por pack."),
            ],
            [V("SB-SCR-NEU", 89.00m, "6973316000153", ("set", "Neutrals")), V("SB-SCR-BRT", 89.00m, null, ("set", "Brights"))],
            hue: 300, glyph: "圈"),
        Silk("apparel/accessories", "420221", 900, new(420, 340, 120),
            [
                new("en", "Hand-Woven Leather Tote Bag", "Full-grain cowhide woven by hand, with a zip pouch inside and room for a 13-inch laptop. Roomy enough for the commute or a weekend away."),
                new("zh-Hans", "手工编织真皮托特包", "头层牛皮手工编织，内附拉链收纳袋，可放下13英寸笔记本。容量充足，通勤出行都方便。"),
                new("es", "Bolso tote de piel trenzada a mano", "Piel de vacuno plena flor trenzada a mano, con bolsillo interior con cremallera y espacio para un portátil de 13 pulgadas. Amplio para ir al trabajo o para una escapada de fin de semana."),
                new("de", "Handgeflochtene Tote Bag aus Leder", "Handgeflochtenes Vollnarben-Rindleder mit Reißverschlussfach innen und Platz für ein 13-Zoll-Notebook. Geräumig für den Arbeitsweg oder einen Wochenendausflug."),
                new("ja", "手編みレザー トートバッグ", "フルグレインの牛革を手作業で編み上げたトートバッグ。内側にファスナー付きポーチ、13インチのノートPCも入ります。通勤にも週末のお出かけにも。"),
            ],
            [V("SB-WLT-TAN", 799.00m, "6973316000160", ("color", "Tan")), V("SB-WLT-BLK", 799.00m, "6973316000177", ("color", "Black"))],
            hue: 35, glyph: "包"),

        // beauty/skincare
        Silk("beauty/skincare", "330499", 120, new(130, 50, 50),
            [
                new("en", "5% Niacinamide Brightening Serum", "A lightweight serum with 5% niacinamide and centella extract that absorbs quickly and helps skin look brighter and more even. Use morning and evening; follow with sunscreen during the day."),
                new("zh-Hans", "5%烟酰胺焕亮精华液", "含5%烟酰胺与积雪草提取物，质地清爽，吸收迅速，令肌肤看起来更透亮均匀。早晚使用，白天请搭配防晒。"),
                new("es", "Sérum iluminador con 5 % de niacinamida", "Sérum ligero con un 5 % de niacinamida y extracto de centella que se absorbe rápido y ayuda a que la piel luzca más luminosa y uniforme. Úsalo mañana y noche; de día, aplica protector solar después."),
                new("de", "Serum mit 5 % Niacinamid für einen strahlenden Teint", "Leichtes Serum mit 5 % Niacinamid und Centella-Extrakt, das schnell einzieht und den Teint strahlender und ebenmäßiger aussehen lässt. Morgens und abends anwenden, tagsüber Sonnenschutz auftragen."),
                new("ja", "ナイアシンアミド5% 美容液", "ナイアシンアミド5%とツボクサエキスを配合した、みずみずしい美容液。すっとなじみ、明るく均一な印象の肌へ導きます。朝晩お使いいただき、日中は日焼け止めを重ねてください。"),
            ],
            [V("SB-NBS-30", 189.00m, "6973316000184", ("size", "30 ml")), V("SB-NBS-50", 279.00m, "6973316000191", ("size", "50 ml"))],
            hue: 280, glyph: "精"),
        Silk("beauty/skincare", "330499", 180, new(90, 90, 70),
            [
                new("en", "Hyaluronic Acid Moisture Cream, 50 g", "Three molecular weights of hyaluronic acid plus ceramides in a smooth, non-greasy cream that helps skin stay hydrated. Suited to normal to dry skin."),
                new("zh-Hans", "玻尿酸水润保湿面霜 50克", "含三重分子量玻尿酸与神经酰胺，质地柔滑不油腻，帮助肌肤保持水润。适合中性至干性肌肤。"),
                new("es", "Crema hidratante con ácido hialurónico, 50 g", "Ácido hialurónico de tres pesos moleculares y ceramidas en una crema suave y no grasa que ayuda a mantener la piel hidratada. Para pieles normales a secas."),
                new("de", "Feuchtigkeitscreme mit Hyaluronsäure, 50 g", "Hyaluronsäure in drei Molekülgrößen und Ceramide in einer geschmeidigen, nicht fettenden Creme, die die Haut mit Feuchtigkeit versorgt. Für normale bis trockene Haut."),
            ],
            [V("SB-HMC-50", 238.00m, "6973316000207", ("size", "50 g"))],
            hue: 195, glyph: "霜"),
        Silk("beauty/skincare", "340130", 150, new(180, 55, 45),
            [
                new("en", "Amino Acid Gentle Foaming Cleanser", "An amino-acid based cleanser with a fine, creamy lather that rinses clean without a tight feeling. Gentle enough for everyday use, morning and night."),
                new("zh-Hans", "氨基酸温和洁面乳", "氨基酸表面活性剂配方，泡沫细密绵柔，洗后不紧绷。质地温和，适合日常早晚使用。"),
                new("es", "Limpiador espumoso suave con aminoácidos", "Limpiador a base de aminoácidos con una espuma fina y cremosa que se aclara sin dejar sensación de tirantez. Lo bastante suave para usarlo a diario, mañana y noche."),
            ],
            [V("SB-AAC-120", 99.00m, "6973316000214", ("size", "120 ml")), V("SB-AAC-120-DUO", 178.00m, null, ("size", "120 ml × 2"))],
            hue: 170, glyph: "洁"),
        Silk("beauty/skincare", "330499", 260, new(190, 130, 40),
            [
                new("en", "Silk Fibre Hydrating Sheet Masks, 10 Pack", "Thin silk-fibre sheets that cling closely to the face, each soaked in about 25 ml of hyaluronic acid essence. Leave on for 15 minutes, remove and pat in the rest."),
                new("zh-Hans", "蚕丝玻尿酸补水面膜 10片装", "蚕丝膜布轻薄服帖，每片含约25毫升玻尿酸精华液。敷15分钟后揭下，轻拍至剩余精华吸收即可。"),
                new("es", "Mascarillas hidratantes de fibra de seda, pack de 10", "Láminas finas de fibra de seda que se adaptan al rostro, cada una impregnada con unos 25 ml de esencia de ácido hialurónico. Déjala 15 minutos, retírala y aplica el resto con toques suaves."),
                new("de", "Feuchtigkeits-Tuchmasken aus Seidenfaser, 10 Stück", "Dünne Tuchmasken aus Seidenfaser, die sich eng ans Gesicht anschmiegen und mit je etwa 25 ml Hyaluron-Essenz getränkt sind. 15 Minuten einwirken lassen, abnehmen und den Rest einklopfen."),
                new("ja", "シルクファイバー 保湿シートマスク 10枚入り", "肌にぴったり密着する薄手のシルクファイバーシートに、ヒアルロン酸美容液を1枚あたり約25ml含ませました。15分おいてはがし、残った美容液はやさしくなじませてください。"),
            ],
            [V("SB-SSM-10", 129.00m, "6973316000221", ("pack", "10 sheets"))],
            hue: 320, glyph: "膜"),

        // beauty/makeup
        Silk("beauty/makeup", "330410", 40, new(100, 40, 40),
            [
                new("en", "Velvet Matte Lipstick", "A soft-matte formula with rich colour in a single swipe and a light, comfortable feel. Housed in a metal case with a magnetic click closure."),
                new("zh-Hans", "丝绒哑光口红", "丝绒雾面质地，一抹显色，轻薄舒适。金属管身，磁吸开合，手感清脆。"),
                new("es", "Barra de labios mate aterciopelada", "Fórmula mate suave con color intenso en una sola pasada y una textura ligera y cómoda. En un estuche metálico con cierre magnético."),
                new("de", "Samtmatter Lippenstift", "Eine zart-matte Formel mit intensiver Farbe schon beim ersten Auftrag und einem leichten, angenehmen Tragegefühl. In einer Metallhülse mit Magnetverschluss."),
                new("ja", "ベルベットマット リップスティック", "ひと塗りでしっかり発色する、ふんわりマットな質感。軽いつけ心地で、マグネット式の開閉が心地よいメタルケース入りです。"),
            ],
            [
                V("SB-VML-01", 149.00m, "6973316000238", ("shade", "01 Rosewood")),
                V("SB-VML-02", 149.00m, "6973316000245", ("shade", "02 Brick Red")),
                V("SB-VML-03", 149.00m, null, ("shade", "03 Nude Peach")),
                V("SB-VML-04", 149.00m, null, ("shade", "04 Classic Red")),
            ],
            hue: 355, glyph: "唇"),
        Silk("beauty/makeup", "330499", 90, new(110, 110, 45),
            [
                new("en", "Skin-Light Cushion Foundation with Refill", "A light, dewy cushion foundation that evens out redness and small blemishes for a natural finish. Comes with one refill."),
                new("zh-Hans", "轻薄水润气垫粉底（附替换芯）", "轻薄水润的气垫粉底，遮盖泛红与细小瑕疵，妆感自然。附赠替换芯一个。"),
                new("es", "Base de maquillaje en cushion Skin-Light con recarga", "Base en cushion ligera y jugosa que unifica rojeces y pequeñas imperfecciones con un acabado natural. Incluye una recarga."),
                new("de", "Skin-Light Cushion Foundation mit Nachfüllung", "Eine leichte, frische Cushion Foundation, die Rötungen und kleine Unebenheiten ausgleicht und natürlich aussieht. Mit einer Nachfüllpatrone."),
            ],
            [V("SB-CSF-11", 219.00m, "6973316000252", ("shade", "11 Porcelain")), V("SB-CSF-21", 219.00m, "6973316000269", ("shade", "21 Light Beige")), V("SB-CSF-23", 219.00m, null, ("shade", "23 Natural Beige"))],
            hue: 20, glyph: "粉"),
        Silk("beauty/makeup", "330420", 150, new(150, 110, 25),
            [
                new("en", "West Lake Embossed 9-Colour Eyeshadow Palette", "Nine shades in matte, shimmer and glitter finishes, with pans embossed with a design inspired by West Lake's Broken Bridge. Finely milled powders that blend easily."),
                new("zh-Hans", "西湖浮雕九色眼影盘", "九色眼影，哑光、珠光与闪片质地搭配，浮雕盘面灵感来自西湖断桥。粉质细腻，容易晕染。"),
                new("es", "Paleta de sombras en relieve West Lake, 9 tonos", "Nueve tonos en acabado mate, satinado y con purpurina, con un relieve inspirado en el Puente Roto del Lago del Oeste. Polvos finos y fáciles de difuminar."),
                new("de", "West Lake Lidschattenpalette mit Relief, 9 Farben", "Neun Nuancen in matten, schimmernden und glitzernden Finishs, mit einem Relief nach der Gebrochenen Brücke am Westsee. Fein gemahlene Pigmente, die sich leicht verblenden lassen."),
                new("ja", "西湖 エンボス9色アイシャドウパレット", "マット、パール、グリッターの9色をセット。西湖の断橋をモチーフにしたエンボスデザインです。きめ細かなパウダーで、ぼかしやすい仕上がり。"),
            ],
            [V("SB-WLE-SPR", 199.00m, "6973316000276", ("palette", "Spring Lotus")), V("SB-WLE-AUT", 199.00m, null, ("palette", "Autumn Maple"))],
            hue: 10, glyph: "彩"),

        // beauty/haircare
        Silk("beauty/haircare", "330510", 560, new(230, 80, 60),
            [
                new("en", "Camellia Oil Repair Shampoo", "A mild shampoo with camellia seed oil that leaves hair soft and glossy. Suited to dry, coloured or permed hair."),
                new("zh-Hans", "山茶花油修护洗发水", "添加山茶花籽油的温和洗发水，洗后秀发柔顺有光泽，适合烫染后的干燥发质。"),
                new("es", "Champú reparador con aceite de camelia", "Champú suave con aceite de semilla de camelia que deja el cabello suave y brillante. Indicado para cabello seco, teñido o con permanente."),
                new("de", "Reparatur-Shampoo mit Kamelienöl", "Mildes Shampoo mit Kameliensamenöl für weiches, glänzendes Haar. Geeignet für trockenes, coloriertes oder dauergewelltes Haar."),
                new("ja", "椿オイル リペアシャンプー", "椿種子油を配合した、やさしい洗い心地のシャンプー。髪をやわらかく、つややかに洗い上げます。乾燥した髪やカラー・パーマ後の髪に。"),
            ],
            [V("SB-CMS-500", 88.00m, "6973316000283", ("size", "500 ml")), V("SB-CMS-250", 52.00m, null, ("size", "250 ml"))],
            hue: 90, glyph: "洗"),
        Silk("beauty/haircare", "851631", 1100, new(300, 220, 110),
            [
                new("en", "High-Speed Ionic Hair Dryer", "A 110,000 rpm brushless motor with negative ions for quick, smooth drying at a lower temperature. Comes with a styling nozzle and a diffuser. 220–240 V."),
                new("zh-Hans", "高速负离子吹风机", "11万转高速无刷电机，搭配负离子，以较低温度快速吹干，发丝顺滑。附集风嘴和扩散器。220–240伏。"),
                new("es", "Secador de pelo iónico de alta velocidad", "Motor sin escobillas de 110 000 rpm con iones negativos para un secado rápido y suave a menor temperatura. Incluye boquilla concentradora y difusor. 220–240 V."),
                new("de", "Ionen-Haartrockner mit Hochgeschwindigkeitsmotor", "Bürstenloser Motor mit 110.000 U/min und negativen Ionen für schnelles, schonendes Trocknen bei niedrigerer Temperatur. Mit Stylingdüse und Diffusor. 220–240 V."),
            ],
            [V("SB-IHD-WHT-EU", 599.00m, "6973316000290", ("color", "Pearl White"), ("plug", "EU (Type C)")), V("SB-IHD-GRY-EU", 599.00m, null, ("color", "Slate Grey"), ("plug", "EU (Type C)"))],
            hue: 265, glyph: "风", blockedIn: ["GB", "IE"]),

        // home/kitchen
        Silk("home/kitchen", "691200", 2100, new(360, 280, 140),
            [
                new("en", "Ru Kiln Celadon Gongfu Tea Set", "One teapot, four cups and a fairness pitcher in sky-blue Ru kiln glaze. Fine crackles develop in the glaze with use, a natural trait of Ru ware. Packed in a gift box."),
                new("zh-Hans", "汝窑天青釉功夫茶具套装", "一壶、四杯、一公道杯，天青色汝窑釉面。使用中釉面会逐渐形成细密开片，这是汝窑的自然特征。礼盒包装，适合送礼。"),
                new("es", "Juego de té gongfu de celadón Ru", "Una tetera, cuatro tazas y una jarra de servir con el esmalte azul celeste de los hornos Ru. Con el uso aparecen finas craqueladuras en el esmalte, un rasgo natural de esta cerámica. Presentado en caja de regalo."),
                new("de", "Ru-Seladon Gongfu-Teeset", "Eine Teekanne, vier Tassen und ein Ausgießkännchen mit himmelblauer Ru-Glasur. Mit der Zeit bildet sich ein feines Craquelé – ein typisches Merkmal von Ru-Keramik. In einer Geschenkbox verpackt."),
                new("ja", "汝窯 青磁 茶器セット", "急須1点、茶杯4点、茶海1点のセット。空色の汝窯釉は、使い込むうちに細かな貫入が入るのが特徴です。ギフトボックス入り。"),
            ],
            [V("SB-RTS-BLU", 468.00m, "6973316000306", ("glaze", "Sky Blue")), V("SB-RTS-CEL", 468.00m, null, ("glaze", "Pale Celadon"))],
            hue: 175, glyph: "茶"),
        Silk("home/kitchen", "732399", 2600, new(420, 360, 120),
            [
                new("en", "Hand-Hammered Carbon Steel Wok", "Forged by hand in Zhangqiu with no chemical coating, so it heats quickly and handles high-heat stir-frying. Season it once and the surface gets better with use; made for gas hobs."),
                new("zh-Hans", "章丘手工锻打铁锅", "章丘匠人手工锻打，无化学涂层，导热快，适合大火爆炒。开锅养护后越用越顺手，适用于燃气灶。"),
                new("es", "Wok de acero al carbono martillado a mano", "Forjado a mano en Zhangqiu y sin recubrimientos químicos, se calienta rápido y aguanta el salteado a fuego vivo. Basta con curarlo una vez y mejora con el uso; pensado para cocinas de gas."),
                new("de", "Handgeschmiedeter Wok aus Karbonstahl", "In Zhangqiu von Hand geschmiedet, ohne chemische Beschichtung – heizt schnell auf und eignet sich zum scharfen Anbraten. Einmal einbrennen, danach wird die Oberfläche mit jedem Gebrauch besser; für Gasherde."),
                new("ja", "手打ち 鉄製中華鍋", "中国・章丘で職人が手打ちした、化学コーティングなしの鉄鍋。熱の回りが早く、強火の炒め物に向いています。最初に油ならしをすれば、使うほどに育っていきます。ガス火専用。"),
            ],
            [V("SB-HHW-32", 268.00m, "6973316000313", ("size", "32 cm")), V("SB-HHW-34", 298.00m, null, ("size", "34 cm"))],
            hue: 5, glyph: "锅"),
        Silk("home/kitchen", "460211", 900, new(280, 280, 180),
            [
                new("en", "Handmade Bamboo Steamer, 2 Tiers with Lid", "Woven by hand from natural moso bamboo, with two tiers and a lid for buns, dumplings and dim sum. Line with steamer paper or a cotton cloth before use."),
                new("zh-Hans", "手工竹编蒸笼 两层带盖", "选用天然楠竹手工编织，两层一盖，适合蒸包子、饺子和点心。使用前请垫上蒸笼纸或棉布。"),
                new("es", "Vaporera de bambú artesanal, 2 pisos con tapa", "Tejida a mano con bambú moso natural, con dos pisos y tapa para bollos, dumplings y dim sum. Coloca papel de vapor o un paño de algodón antes de usarla."),
                new("de", "Handgefertigter Bambusdämpfer, 2 Etagen mit Deckel", "Von Hand aus naturbelassenem Moso-Bambus geflochten, mit zwei Etagen und Deckel für Baozi, Teigtaschen und Dim Sum. Vor dem Gebrauch mit Dämpfpapier oder einem Baumwolltuch auslegen."),
            ],
            [V("SB-BST-20", 69.00m, "6973316000320", ("diameter", "20 cm")), V("SB-BST-26", 89.00m, "6973316000337", ("diameter", "26 cm")), V("SB-BST-30", 109.00m, null, ("diameter", "30 cm"))],
            hue: 75, glyph: "竹"),
    ];

    /// <summary>A VoltWave product: priced in USD, with English as its default locale.</summary>
    private static DemoProduct Volt(string category, string hsCode, int grams, DimensionsDto box, List<TranslationInput> text, List<VariantInput> variants,
        int hue, string glyph, string status = "active", string[]? blockedIn = null, string? battery = null) =>
        new(DemoSeeder.ElectronicsSlug, new ProductInput(category, hsCode, "CN", grams, box, status, "en", text, [], variants, Battery: battery), hue, glyph, blockedIn ?? []);

    /// <summary>A Silk &amp; Bloom product: priced in CNY, with Simplified Chinese as its default locale.</summary>
    private static DemoProduct Silk(string category, string hsCode, int grams, DimensionsDto box, List<TranslationInput> text, List<VariantInput> variants,
        int hue, string glyph, string status = "active", string[]? blockedIn = null) =>
        new(DemoSeeder.ApparelSlug, new ProductInput(category, hsCode, "CN", grams, box, status, "zh-Hans", text, [], variants), hue, glyph, blockedIn ?? []);

    private static VariantInput V(string sku, decimal price, string? gtin, params (string Name, string Value)[] options) =>
        new(sku, options.ToDictionary(o => o.Name, o => o.Value), gtin, price);
}
