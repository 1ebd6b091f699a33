namespace EnterpriseHub.Server.Demo;

/// <summary>
/// Parts of realistic enterprise names: zone prefix + brand (characters common in trade names)
/// + an industry suffix, e.g. 广州南沙 + 海联 + 科技有限公司. No personal names are used.
/// </summary>
internal static class DemoNames
{
    /// <summary>Brand characters with their pinyin for the English name.</summary>
    public static readonly (char Hanzi, string Pinyin)[] BrandCharacters =
    [
        ('海', "hai"), ('联', "lian"), ('华', "hua"), ('创', "chuang"), ('达', "da"), ('信', "xin"),
        ('瑞', "rui"), ('恒', "heng"), ('博', "bo"), ('汇', "hui"), ('远', "yuan"), ('航', "hang"),
        ('智', "zhi"), ('星', "xing"), ('通', "tong"), ('泰', "tai"), ('丰', "feng"), ('源', "yuan"),
        ('合', "he"), ('盛', "sheng"), ('鑫', "xin"), ('嘉', "jia"), ('宏', "hong"), ('安', "an"),
        ('德', "de"), ('诚', "cheng"), ('正', "zheng"), ('天', "tian"), ('睿', "rui"), ('峰', "feng"),
        ('越', "yue"), ('粤', "yue"), ('澳', "ao"), ('湾', "wan"), ('港', "gang"), ('新', "xin"),
        ('锐', "rui"), ('领', "ling"), ('启', "qi"), ('云', "yun"),
    ];

    /// <summary>GB/T 4754-2017 industry codes with their share of zone registrations and name suffixes.</summary>
    public static readonly DemoIndustry[] Industries =
    [
        new("I65", 25,
        [
            ("科技有限公司", "Technology Co., Ltd."),
            ("信息技术有限公司", "Information Technology Co., Ltd."),
            ("软件有限公司", "Software Co., Ltd."),
        ]),
        new("F51", 25,
        [
            ("贸易有限公司", "Trading Co., Ltd."),
            ("进出口有限公司", "Import and Export Co., Ltd."),
            ("国际贸易有限公司", "International Trade Co., Ltd."),
        ]),
        new("L72", 15,
        [
            ("企业管理咨询有限公司", "Enterprise Management Consulting Co., Ltd."),
            ("商务服务有限公司", "Business Services Co., Ltd."),
            ("投资管理有限公司", "Investment Management Co., Ltd."),
        ]),
        new("G54", 15,
        [
            ("物流有限公司", "Logistics Co., Ltd."),
            ("运输有限公司", "Transportation Co., Ltd."),
            ("供应链管理有限公司", "Supply Chain Management Co., Ltd."),
        ]),
        new("C39", 10,
        [
            ("电子科技有限公司", "Electronic Technology Co., Ltd."),
            ("智能装备有限公司", "Intelligent Equipment Co., Ltd."),
            ("通信设备有限公司", "Communication Equipment Co., Ltd."),
        ]),
        new("M73", 10,
        [
            ("生物科技有限公司", "Biotechnology Co., Ltd."),
            ("新材料研究院有限公司", "New Materials Research Institute Co., Ltd."),
            ("医药研发有限公司", "Pharmaceutical R&D Co., Ltd."),
        ]),
    ];

    /// <summary>Whether enterprises of the industry commonly declare goods at customs.</summary>
    public static bool TradesGoods(string industry) => industry is "F51" or "G54" or "C39";
}

/// <summary>An industry: code, relative weight among new registrations, Chinese and English suffixes.</summary>
internal sealed record DemoIndustry(string Code, int Weight, (string Zh, string En)[] Suffixes);
