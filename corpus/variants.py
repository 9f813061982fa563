"""Variant Chinese characters that OpenCC's t2s keeps apart, and which of them count as one in Zhagen.

OpenCC's t2s maps the traditional characters of its own standard to
simplified ones (於→于, 裡→里, 臺→台, 羣→群, 夠→够, 綫→线, 爲→为, 峯→峰,
隻→只 …), so those already fold in search (coding/textfold.py). What it leaves
alone is every other spelling of a character: the forms standard in Hong Kong
(衞, 衹, 枱) or Taiwan (著 for 着, 痺, 簷), personal pronouns only Taiwan and
Hong Kong write (妳, 祂, 牠), variants the PRC abolished in 1955 but Taiwan
kept (踫, 砲, 暱), and old print or Japanese forms of the same character (吿,
値, 歳, 黒) that OCR and older typesetting produce. A search for
one spelling must find the others, so they fold here; each entry is
"canonical: its variants", every one a single character in the BMP (folding
keeps a text's length, so offsets stay exact), and no variant is already
folded by t2s (tests/core/test_variants.py checks both).

Sources:
- OpenCC's variant dictionaries, data/dictionary/HKVariants.txt,
  HKDeFactoVariants.txt and TWVariants.txt (the pairs that hk2s/tw2s convert
  but t2s does not), and data/dictionary/staging/Allographs.txt (characters
  that are one character at several code points); Apache-2.0, BYVoid/OpenCC.
- The PRC's 第一批异体字整理表 (1955) and the variant column of the
  通用规范汉字表 (2013, 附表1 规范字与繁体字、异体字对照表), for 踫, 砲, 搾,
  暱, 鬭/鬪, 囘/囬.
- Taiwan's Ministry of Education 異體字字典 for Taiwanese usage (著 as the
  aspect particle, 妳/祂/牠, 姊姊, 黏, 甦醒, 彷彿, 瞭解).

SAME_CHARACTER pairs are one character (or, for the pronouns, one word in
every context): they fold in search and are also replaced in the simplified
copy that jieba segments (corpus/simplified.py). SEARCH_ONLY pairs are one
word only in some regions' writing, and a word of its own elsewhere (著 in 著名,
祇 in 神祇, 瞭 in 瞭望, 彷 in 彷徨, 姊 in 姊妹): a search for either finds both
(at the cost of some extra hits), but segmentation is left to OpenCC's
phrase-aware tw2s, which turns 看著 into 看着 and keeps 著名.

Left out on purpose: 沈/沉 (沈 is a common surname), 甚/什 (甚至), 么/幺 (TW
writes 么 for 幺 but mainland 么 is 麼), 瀋/渖 (t2s turns 瀋陽 into 沈阳), 貟/員
(t2s makes 貟 the surname 贠), and characters outside the BMP (𠮷), which fold
to themselves.
"""

from __future__ import annotations

from typing import Iterator

SAME_CHARACTER: dict[str, str] = {
    # Hong Kong and Taiwan standard forms (OpenCC HKVariants, HKDeFactoVariants, TWVariants)
    "卫": "衞", "只": "衹", "台": "枱", "叙": "敍", "妆": "粧", "粽": "糭", "痹": "痺", "檐": "簷", "睾": "睪",
    # Taiwanese and Hong Kong pronouns: you (to a woman), He (a deity), it (an animal)
    "你": "妳", "他": "祂", "它": "牠",
    # variants the PRC abolished in 1955 that Taiwan kept (第一批异体字整理表, 通用规范汉字表 附表1)
    "碰": "踫", "昵": "暱", "炮": "砲", "榨": "搾", "斗": "鬭鬪鬦", "回": "囬囘廻廽",
    # old print and Japanese forms of one character (OpenCC staging/Allographs.txt)
    "會": "㑹", "寇": "㓂冦", "幼": "㓜", "參": "㕘叅", "久": "乆", "事": "亊", "亡": "亾", "廉": "亷", "仞": "仭",
    "併": "倂", "值": "値", "俱": "倶", "偷": "偸", "兑": "兊", "兔": "兎", "兜": "兠", "俞": "兪", "冒": "冐",
    "宜": "冝", "冤": "寃", "富": "冨", "凡": "凢", "函": "圅", "刃": "刄", "刊": "刋", "剁": "刴", "剩": "剰",
    "卷": "巻", "歷": "厯歴", "吴": "呉", "告": "吿", "吞": "呑", "啞": "唖", "唧": "喞", "喻": "喩", "嘗": "甞",
    "嗥": "嘷噑", "器": "噐", "因": "囙", "圈": "圏", "圓": "圎", "圖": "圗", "垂": "埀", "垛": "垜", "堯": "尭",
    "填": "塡", "增": "増", "奇": "竒", "妍": "姸", "娱": "娯", "媮": "婾", "婕": "媫", "嫩": "嫰", "孳": "孶",
    "密": "宻", "寧": "寕寜", "寬": "寛", "尚": "尙", "尪": "尫", "屏": "屛", "歲": "歳", "巔": "巓", "帶": "帯",
    "帡": "帲", "幣": "幤", "庶": "庻", "廄": "廏", "弼": "弻", "彈": "弾", "彙": "彚", "彝": "彛彞", "往": "徃",
    "德": "徳", "徵": "徴", "悦": "恱", "惠": "恵", "慎": "愼", "懷": "懐", "戛": "戞", "戲": "戯戱", "户": "戸",
    "扃": "扄", "拗": "抝", "插": "挿揷", "捏": "揑", "揭": "掲", "摇": "揺", "擊": "撃", "舉": "擧", "昂": "昻",
    "明": "眀", "昏": "昬", "晚": "晩", "曉": "暁", "曆": "暦", "暨": "曁", "曳": "曵", "曹": "曺", "曾": "曽",
    "朵": "朶", "柳": "栁桞", "榆": "楡", "概": "槩槪", "槔": "槹", "斂": "歛", "步": "歩", "每": "毎", "冰": "氷",
    "污": "汚", "涅": "湼", "淚": "涙", "淨": "浄", "清": "淸", "渴": "渇", "濟": "済", "溉": "漑", "潑": "溌",
    "漱": "潄", "潛": "濳", "濂": "濓", "濱": "濵", "燒": "焼", "熙": "熈煕", "瓚": "瓉", "瓶": "甁", "畝": "畒",
    "略": "畧", "麻": "痲", "皋": "皐", "鼓": "皷鼔", "研": "硏", "稻": "稲", "窑": "窰", "笄": "筓", "肅": "粛",
    "繡": "繍", "緒": "緖", "緣": "縁", "縱": "縦", "繫": "繋", "纘": "纉", "美": "羙", "翱": "翶翺", "耇": "耉",
    "肯": "肻", "舍": "舎", "舖": "舗", "苟": "茍", "莊": "荘", "藏": "蔵", "蛔": "蜖", "蠟": "蝋", "褒": "襃",
    "解": "觧", "諫": "諌", "讚": "讃", "賓": "賔", "贊": "賛", "賴": "頼", "跺": "跥", "躲": "躱",
    "輩": "軰", "迸": "逬", "達": "逹", "遠": "逺", "遲": "遅", "邊": "邉", "郎": "郞", "鄉": "郷鄕", "鄰": "隣",
    "釀": "醸", "鍊": "錬", "鎖": "鎻", "鐵": "鐡", "鑽": "鑚", "閏": "閠", "陰": "隂", "隱": "隠", "隸": "隷",
    "青": "靑", "面": "靣", "頤": "頥", "頹": "頺", "顛": "顚", "飲": "飮", "餅": "餠", "駢": "騈", "高": "髙",
    "髡": "髠", "髮": "髪", "麵": "麺", "黑": "黒", "默": "黙",
}

SEARCH_ONLY: dict[str, str] = {
    "着": "著",  # TW/HK 看著、接著 for 看着、接着; but 著名、显著 everywhere
    "只": "祇",  # 祇有 in older and Taiwanese text; but 神祇
    "了": "瞭",  # TW 瞭解 for 了解 (t2s converts the word, not the character); but 瞭望
    "仿": "彷",  # 彷彿 for 仿佛; but 彷徨
    "姐": "姊",  # TW 姊姊 for 姐姐; but 姊妹 everywhere
    "粘": "黏",  # 黏 and 粘 share nián in both regions' usage
    "苏": "甦",  # TW 甦醒 for 苏醒
}


def pairs(table: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(variant, canonical) for every variant in a table."""
    for canonical, variants in table.items():
        for variant in variants:
            yield variant, canonical
