"""Standard names of countries and regions where pycountry's are not the ones Chinese
officials use (the short names of the Ministry of Foreign Affairs' 国家和地区 list and
GB/T 2659), and English short names where pycountry's ISO names read like an index
("Congo, The Democratic Republic of the"). Checked against the whole ISO 3166-1 list:
every code not here keeps pycountry's name (tests/test_countries.py)."""

ZH: dict[str, str] = {
    "BD": "孟加拉国",
    "BL": "圣巴泰勒米",
    "BO": "玻利维亚",
    "BQ": "博奈尔、圣尤斯特歇斯和萨巴",
    "BV": "布韦岛",
    "CC": "科科斯（基林）群岛",
    "CD": "刚果（金）",
    "CG": "刚果（布）",
    "FK": "马尔维纳斯群岛（福克兰）",
    "GS": "南乔治亚岛和南桑威奇群岛",
    "GT": "危地马拉",
    "HM": "赫德岛和麦克唐纳群岛",
    "IM": "马恩岛",
    "IR": "伊朗",
    "KG": "吉尔吉斯斯坦",
    "KH": "柬埔寨",
    "KP": "朝鲜",
    "KR": "韩国",
    "LA": "老挝",
    "MD": "摩尔多瓦",
    "MT": "马耳他",
    "PF": "法属波利尼西亚",
    "PN": "皮特凯恩群岛",
    "SH": "圣赫勒拿、阿森松和特里斯坦-达库尼亚",
    "SY": "叙利亚",
    "TF": "法属南部领地",
    "TW": "中国台湾",
    "VE": "委内瑞拉",
}

EN: dict[str, str] = {
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "TW": "Taiwan, China",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
}
