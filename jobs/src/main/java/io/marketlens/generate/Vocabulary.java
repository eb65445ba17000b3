package io.marketlens.generate;

import java.util.List;

/** Fixed reference data of the synthetic market: marketplaces, categories, title terms, carriers, regions. */
final class Vocabulary {
    private Vocabulary() {
    }

    /** A word or phrase with its Chinese counterpart and a price multiplier (1.0 when irrelevant). */
    record Term(String en, String zh, double priceFactor) {
        Term(String en, String zh) {
            this(en, zh, 1.0);
        }
    }

    /** A product noun with the materials and features (English names) that make sense for it; empty = any. */
    record Noun(Term term, List<String> materials, List<String> features) {
    }

    private static Noun noun(String en, String zh, String materials, String features) {
        return new Noun(new Term(en, zh), split(materials), split(features));
    }

    private static List<String> split(String names) {
        return names.isEmpty() ? List.of() : List.of(names.split("\\|"));
    }

    /**
     * One storefront. {@code weight}: share of the platform's orders; {@code priceFactor}: local price level
     * relative to the USD list price; {@code utcOffset}: customer time zone (hours, no DST);
     * {@code sizeFactor}: relative market size used for competitor unit estimates.
     */
    record Marketplace(String platform, String code, String currency, double weight, double priceFactor,
                       int utcOffset, double sizeFactor) {
    }

    /**
     * A product category. {@code weight}: share of orders; {@code medianUsd}/{@code priceSigma}: log-normal
     * USD list price; {@code kg}: median parcel weight; {@code returnRate}: customer return probability.
     */
    record Category(String name, double weight, double medianUsd, double priceSigma, double kg, double returnRate,
                    double multiUnitShare, boolean chineseName, List<Noun> nouns, List<Term> materials,
                    List<Term> features, List<Term> colors, String extraKey, List<String> extraValues) {
    }

    record Service(String carrier, String service, String costCurrency, double medianDays, double sigma,
                   int promisedDays, double baseFeeUsd, double perKgUsd, String idPrefix) {
    }

    static final List<String> PLATFORMS = List.of("amazon", "aliexpress", "shopee");

    static final List<Marketplace> MARKETPLACES = List.of(
            new Marketplace("amazon", "US", "USD", 0.52, 1.00, -5, 1.00),
            new Marketplace("amazon", "DE", "EUR", 0.18, 1.08, 1, 0.50),
            new Marketplace("amazon", "GB", "GBP", 0.13, 1.05, 0, 0.40),
            new Marketplace("amazon", "JP", "JPY", 0.17, 1.10, 9, 0.45),
            new Marketplace("aliexpress", "US", "USD", 0.40, 0.97, -5, 0.60),
            new Marketplace("aliexpress", "ES", "EUR", 0.35, 1.04, 1, 0.35),
            new Marketplace("aliexpress", "FR", "EUR", 0.25, 1.06, 1, 0.30),
            new Marketplace("shopee", "SG", "SGD", 0.55, 1.05, 8, 0.25),
            new Marketplace("shopee", "MY", "MYR", 0.45, 0.95, 8, 0.20));

    /** Currencies with FX rates, with their USD value at the start of the rate series and daily volatility. */
    static final List<String> FX_CURRENCIES = List.of("CNY", "EUR", "GBP", "JPY", "MYR", "SGD");
    static final double[] FX_START = {0.1445, 1.0710, 1.2120, 0.00732, 0.2265, 0.7440};
    static final double[] FX_DAILY_SIGMA = {0.0018, 0.0042, 0.0047, 0.0058, 0.0030, 0.0024};

    private static final List<Term> COLORS_BASIC = List.of(
            new Term("Black", "黑色"), new Term("White", "白色"), new Term("Grey", "灰色"));

    static final List<Category> CATEGORIES = List.of(
            new Category("Home & Kitchen>Kitchen Storage", 0.21, 18.0, 0.45, 0.65, 0.030, 0.22, false,
                    List.of(noun("Spice Rack Organizer", "调料架", "", "Stackable|Expandable|2 Tier|Pull Out"),
                            noun("Food Storage Containers", "保鲜盒", "Glass|Plastic|Stainless Steel", "Stackable|Airtight|Foldable"),
                            noun("Under Sink Organizer", "水槽下置物架", "Stainless Steel|Plastic|Bamboo", "Expandable|2 Tier|Pull Out"),
                            noun("Drawer Organizer", "抽屉收纳盒", "Bamboo|Plastic|Acrylic", "Stackable|Expandable"),
                            noun("Pantry Canisters", "密封罐", "Glass|Plastic|Stainless Steel|Acrylic", "Stackable|Airtight"),
                            noun("Pot Lid Rack", "锅盖架", "Stainless Steel|Bamboo|Acrylic", "Expandable|Pull Out"),
                            noun("Dish Drying Rack", "沥水碗架", "Stainless Steel|Bamboo|Plastic", "2 Tier|Foldable|Expandable")),
                    List.of(new Term("Stainless Steel", "不锈钢", 1.25), new Term("Bamboo", "竹制", 1.05),
                            new Term("Plastic", "塑料", 0.80), new Term("Glass", "玻璃", 1.15),
                            new Term("Acrylic", "亚克力", 0.95)),
                    List.of(new Term("Stackable", "可叠加"), new Term("Airtight", "密封"),
                            new Term("Expandable", "伸缩"), new Term("2 Tier", "双层"),
                            new Term("Pull Out", "抽拉式"), new Term("Foldable", "折叠")),
                    concat(COLORS_BASIC, List.of(new Term("Clear", "透明"), new Term("Natural", "原木色"))),
                    "pieces", List.of("1", "2", "3", "4", "6")),
            new Category("Sports & Outdoors>Camping & Hiking", 0.12, 42.0, 0.60, 1.10, 0.045, 0.15, false,
                    List.of(noun("Camping Chair", "露营椅", "Aluminum|Polyester", "Ultralight|Foldable|Portable"),
                            noun("Trekking Poles", "登山杖", "Aluminum|Titanium", "Ultralight|Foldable"),
                            noun("Camping Lantern", "露营灯", "Aluminum|Stainless Steel", "Rechargeable|Waterproof|Portable"),
                            noun("Camping Table", "露营桌", "Aluminum|Stainless Steel", "Foldable|Portable|Ultralight"),
                            noun("Sleeping Pad", "防潮垫", "Nylon|Polyester", "Ultralight|Waterproof|Foldable"),
                            noun("Camping Cookware Set", "野营锅具套装", "Aluminum|Titanium|Stainless Steel", "Ultralight|Portable"),
                            noun("Hammock", "吊床", "Nylon|Polyester", "Ultralight|Portable|Waterproof")),
                    List.of(new Term("Aluminum", "铝合金", 1.15), new Term("Nylon", "尼龙", 0.85),
                            new Term("Titanium", "钛", 1.70), new Term("Stainless Steel", "不锈钢", 1.20),
                            new Term("Polyester", "涤纶", 0.80)),
                    List.of(new Term("Ultralight", "超轻"), new Term("Foldable", "折叠"),
                            new Term("Portable", "便携"), new Term("Waterproof", "防水"),
                            new Term("Rechargeable", "充电式")),
                    concat(COLORS_BASIC, List.of(new Term("Green", "绿色"), new Term("Orange", "橙色"))),
                    "size", List.of("S", "M", "L", "XL")),
            new Category("Beauty & Personal Care>Hair Tools", 0.14, 29.0, 0.50, 0.70, 0.070, 0.08, false,
                    List.of(noun("Hair Straightener", "直板夹", "Ceramic|Tourmaline|Titanium", "Cordless|Adjustable Temperature|Fast Heating|Dual Voltage"),
                            noun("Curling Iron", "卷发棒", "Ceramic|Tourmaline|Titanium", "Adjustable Temperature|Fast Heating|Dual Voltage"),
                            noun("Hair Dryer", "吹风机", "Ionic|Ceramic|Tourmaline", "Foldable|Fast Heating|Dual Voltage"),
                            noun("Hot Air Brush", "热风梳", "Ionic|Ceramic", "Adjustable Temperature|Fast Heating"),
                            noun("Hair Clipper", "理发器", "Titanium|Ceramic", "Cordless")),
                    List.of(new Term("Ceramic", "陶瓷", 1.00), new Term("Tourmaline", "电气石", 1.10),
                            new Term("Titanium", "钛", 1.35), new Term("Ionic", "负离子", 1.15)),
                    List.of(new Term("Cordless", "无线"), new Term("Adjustable Temperature", "可调温"),
                            new Term("Fast Heating", "速热"), new Term("Dual Voltage", "双电压"),
                            new Term("Foldable", "折叠")),
                    concat(COLORS_BASIC, List.of(new Term("Pink", "粉色"), new Term("Rose Gold", "玫瑰金"))),
                    "voltage", List.of("110-240V", "220V", "100V")),
            new Category("家居厨房>烘焙工具", 0.18, 12.0, 0.40, 0.35, 0.025, 0.30, true,
                    List.of(noun("Baking Mat", "烘焙垫", "Silicone|Food Grade Silicone", "Non-Stick|Heat Resistant|Reusable|Foldable"),
                            noun("Cake Pan", "蛋糕模具", "", "Non-Stick|Heat Resistant|Foldable"),
                            noun("Spatula Set", "刮刀套装", "Silicone|Food Grade Silicone|Stainless Steel", "Heat Resistant|BPA Free"),
                            noun("Piping Bags", "裱花袋", "Silicone|Food Grade Silicone", "Reusable|BPA Free"),
                            noun("Whisk", "打蛋器", "Stainless Steel|Silicone", "Heat Resistant|BPA Free"),
                            noun("Loaf Pan", "吐司模", "Carbon Steel|Silicone|Stainless Steel", "Non-Stick|Heat Resistant"),
                            noun("Cookie Cutters", "饼干模具", "Stainless Steel|Carbon Steel|Silicone", "Reusable|BPA Free")),
                    List.of(new Term("Silicone", "硅胶", 1.00), new Term("Stainless Steel", "不锈钢", 1.20),
                            new Term("Carbon Steel", "碳钢", 0.95), new Term("Food Grade Silicone", "食品级硅胶", 1.10)),
                    List.of(new Term("Non-Stick", "不粘"), new Term("Heat Resistant", "耐高温"),
                            new Term("Foldable", "折叠"), new Term("Reusable", "可重复使用"),
                            new Term("BPA Free", "无BPA")),
                    concat(COLORS_BASIC, List.of(new Term("Red", "红色"), new Term("Pink", "粉色"))),
                    "pieces", List.of("1", "2", "3", "5", "12")),
            new Category("宠物用品>喂食饮水", 0.16, 24.0, 0.50, 0.90, 0.035, 0.12, true,
                    List.of(noun("Pet Water Fountain", "宠物饮水机", "Stainless Steel|Ceramic|Plastic", "Ultra Quiet|Large Capacity"),
                            noun("Pet Feeder", "宠物喂食器", "Plastic|Stainless Steel", "Automatic|Large Capacity|Ultra Quiet"),
                            noun("Dog Bowl", "狗碗", "", "Non-Slip|Large Capacity|Foldable"),
                            noun("Cat Bowl", "猫碗", "", "Non-Slip"),
                            noun("Slow Feeder Bowl", "慢食碗", "Plastic|Silicone|Stainless Steel", "Non-Slip"),
                            noun("Dog Travel Water Bottle", "宠物随行水杯", "Plastic|Silicone", "Foldable|Large Capacity")),
                    List.of(new Term("Stainless Steel", "不锈钢", 1.20), new Term("Ceramic", "陶瓷", 1.15),
                            new Term("Plastic", "塑料", 0.80), new Term("Silicone", "硅胶", 0.95)),
                    List.of(new Term("Automatic", "自动"), new Term("Large Capacity", "大容量"),
                            new Term("Ultra Quiet", "静音"), new Term("Non-Slip", "防滑"),
                            new Term("Foldable", "折叠")),
                    concat(COLORS_BASIC, List.of(new Term("Blue", "蓝色"), new Term("Green", "绿色"))),
                    "capacity", List.of("0.5L", "1.5L", "2L", "2.5L", "3L", "4L")),
            new Category("汽车用品>手机支架", 0.19, 15.0, 0.35, 0.20, 0.040, 0.10, true,
                    List.of(noun("Car Phone Holder", "车载手机支架", "", ""),
                            noun("Phone Mount", "手机支架", "", ""),
                            noun("Dashboard Phone Holder", "仪表台支架", "", ""),
                            noun("Air Vent Phone Mount", "出风口支架", "", ""),
                            noun("Wireless Charger Car Mount", "无线充车载支架", "", "")),
                    List.of(new Term("Aluminum", "铝合金", 1.25), new Term("ABS", "ABS", 0.85),
                            new Term("Silicone", "硅胶", 0.95), new Term("Zinc Alloy", "锌合金", 1.10)),
                    List.of(new Term("Magnetic", "磁吸"), new Term("360 Rotation", "360度旋转"),
                            new Term("Adjustable", "可调节"), new Term("One-Touch", "一键锁"),
                            new Term("Foldable", "折叠")),
                    concat(COLORS_BASIC, List.of(new Term("Silver", "银色"))),
                    "mount", List.of("vent", "dashboard", "windshield", "cup-holder")));

    static {
        for (Category c : CATEGORIES) {
            for (Noun n : c.nouns()) {
                check(c, n, n.materials(), c.materials());
                check(c, n, n.features(), c.features());
            }
        }
    }

    private static void check(Category c, Noun n, List<String> names, List<Term> terms) {
        for (String name : names) {
            if (terms.stream().noneMatch(t -> t.en().equals(name))) {
                throw new IllegalStateException(c.name() + " / " + n.term().en() + ": unknown term " + name);
            }
        }
    }

    /** The term whose use rises in newly launched products (see {@link #RISING_CATEGORY}). */
    static final Term RISING_FEATURE = new Term("Magnetic", "磁吸");
    static final String RISING_CATEGORY = "汽车用品>手机支架";

    static final List<Service> SERVICES = List.of(
            new Service("YunExpress", "Global Direct Line Standard", "CNY", 9.0, 0.25, 15, 2.5, 10.8, "YT"),
            new Service("YunExpress", "Global Direct Line Tracked Express", "CNY", 6.0, 0.20, 10, 3.5, 13.0, "YT"),
            new Service("4PX", "4PX Standard Parcel", "CNY", 11.0, 0.30, 20, 2.1, 9.7, "4PX"),
            new Service("4PX", "4PX Express Plus", "CNY", 7.0, 0.22, 12, 3.0, 12.7, "4PX"),
            new Service("Cainiao", "AliExpress Standard Shipping", "CNY", 12.0, 0.30, 25, 1.9, 9.9, "LP"),
            new Service("Cainiao", "Cainiao Super Economy Global", "CNY", 19.0, 0.35, 40, 1.1, 7.6, "LP"),
            new Service("DHL eCommerce", "Parcel International Direct", "USD", 7.0, 0.20, 12, 3.2, 9.5, "GM"));

    static final List<String> US_STATES = List.of("CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI",
            "NJ", "VA", "WA", "AZ", "MA", "TN", "IN", "CO", "MD", "OR");
    static final double[] US_STATE_WEIGHTS = {12.0, 9.0, 6.6, 6.0, 3.9, 3.8, 3.5, 3.3, 3.2, 3.0,
            2.8, 2.6, 2.3, 2.2, 2.1, 2.1, 2.0, 1.8, 1.8, 1.3};
    static final List<String> DE_STATES = List.of("Nordrhein-Westfalen", "Bayern", "Baden-Württemberg",
            "Niedersachsen", "Hessen", "Sachsen", "Rheinland-Pfalz", "Berlin", "Schleswig-Holstein", "Hamburg");
    static final double[] DE_STATE_WEIGHTS = {21.5, 15.9, 13.4, 9.6, 7.6, 4.9, 4.9, 4.4, 3.5, 2.2};
    static final List<String> JP_PREFECTURES = List.of("Tokyo", "Kanagawa", "Osaka", "Aichi", "Saitama", "Chiba",
            "Hyogo", "Hokkaido", "Fukuoka", "Shizuoka");
    static final double[] JP_PREFECTURE_WEIGHTS = {11.1, 7.3, 7.0, 6.0, 5.8, 5.0, 4.3, 4.1, 4.1, 2.9};

    /** Relative hourly order intensity in the customer's local time, 00h..23h. */
    static final double[] LOCAL_HOUR_PROFILE = {0.50, 0.30, 0.20, 0.15, 0.15, 0.20, 0.40, 0.70, 1.00, 1.10,
            1.20, 1.25, 1.30, 1.20, 1.15, 1.15, 1.20, 1.30, 1.50, 1.70, 1.80, 1.60, 1.20, 0.80};

    static final String[] BRAND_HEADS = {"Hom", "Kit", "Zen", "Vel", "Trail", "Paw", "Mag", "Lux", "Nor", "Aur",
            "Eco", "Bri", "Cur", "Bake", "Fur", "Grip", "Sky", "Oak", "Mira", "Nex", "Pura", "Vio", "Sol", "Tera"};
    static final String[] BRAND_TAILS = {"vio", "nest", "ly", "ora", "ix", "go", "fy", "peak", "wise", "ara",
            "lux", "mate", "io", "eon", "ster", "ova", "ent", "ique"};

    static Marketplace marketplace(String platform, String code) {
        for (Marketplace m : MARKETPLACES) {
            if (m.platform().equals(platform) && m.code().equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException(platform + "/" + code);
    }

    static List<Marketplace> marketplacesOf(String platform) {
        return MARKETPLACES.stream().filter(m -> m.platform().equals(platform)).toList();
    }

    static Service service(String carrier, String service) {
        for (Service s : SERVICES) {
            if (s.carrier().equals(carrier) && s.service().equals(service)) {
                return s;
            }
        }
        throw new IllegalArgumentException(carrier + "/" + service);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
