"""Fixed vocabularies of the domain: GT levels, paradigm roles, relation types.

Keys are stored in the database; labels are for display and exports. The
GUI translates through its own tr() tables; the core keeps both languages here
so CLI output and exports can be written headless.
"""

LEVELS: dict[str, tuple[str, str]] = {
    "concept": ("初始概念", "concept"),
    "category": ("范畴", "category"),
    "main": ("主范畴", "main category"),
    "core": ("核心范畴", "core category"),
    "none": ("无", "none"),
}

PARADIGM_ROLES: dict[str, tuple[str, str]] = {
    "causal_condition": ("因果条件", "causal condition"),
    "phenomenon": ("现象", "phenomenon"),
    "context": ("情境", "context"),
    "intervening_condition": ("中介条件", "intervening condition"),
    "action_strategy": ("行动/互动策略", "action/interaction strategy"),
    "consequence": ("结果", "consequence"),
}

# ATLAS.ti's default relation types; paradigm roles may also be used as types,
# and any other non-empty string is a user-defined type.
RELATION_TYPES: dict[str, tuple[str, str]] = {
    "is_cause_of": ("导致", "is cause of"),
    "is_part_of": ("属于", "is part of"),
    "is_associated_with": ("相关", "is associated with"),
    "contradicts": ("矛盾", "contradicts"),
    "is_a": ("是一种", "is a"),
    "is_property_of": ("是…的属性", "is property of"),
}

ATTRIBUTE_TYPES = ("text", "integer", "float", "boolean", "date")

# Memo types: a general memo, the story line (故事线) and the three memo types
# of grounded theory (Strauss & Corbin): code notes, theoretical and operational memos.
MEMO_KIND_LABELS: dict[str, tuple[str, str]] = {
    "memo": ("备忘录", "memo"),
    "storyline": ("故事线", "story line"),
    "code_note": ("编码备忘录", "code note"),
    "theoretical": ("理论备忘录", "theoretical memo"),
    "operational": ("操作备忘录", "operational memo"),
}

MEMO_KINDS = tuple(MEMO_KIND_LABELS)

DEFAULT_CODE_COLOUR = "#808080"
# Colours new top-level codes take in turn (the least used first): Paul Tol's "muted" scheme, made to stay
# distinct for colour-blind readers (https://personal.sron.nl/~pault/, Fig. 4), and of a middle lightness,
# so highlights drawn translucently over text stay apart and the text stays readable.
CODE_PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499")
