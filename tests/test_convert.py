"""Script conversion: every override rule fixes a real error; nothing is converted twice; caches are safe."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from build_tools.chinese import opencc_engine as engine_module
from build_tools.chinese.convert import (
    ConversionError,
    ConversionSettings,
    OverrideTable,
    ScriptConverter,
    load_overrides,
)
from build_tools.chinese.names import NamesError, load_protected_names
from build_tools.chinese.opencc_engine import Engine

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES_PATH = ROOT / "build_tools" / "data" / "conversion_overrides.yaml"
OVERRIDES = load_overrides(OVERRIDES_PATH)
NO_RULES = OverrideTable()
HANS, HANT = "zh-Hans", "zh-Hant"


def converter(variant: str = "t", overrides: OverrideTable = OVERRIDES, pairs=(), cache_dir=None) -> ScriptConverter:
    return ScriptConverter(ConversionSettings(variant=variant), overrides, glossary_pairs=pairs, cache_dir=cache_dir)


# One case per rule (and a few behaviours), like OpenCC's testcases.json.
# (id, variant, source, target, input, wanted in output, unwanted in output, engine_alone_is_wrong)
# engine_alone_is_wrong: the unwanted form really is what this engine gives without the rules
# (False for guards, which only keep a broader rule from misfiring, and for official-binding fixes).
CASES = [
    # -- to_traditional, every variant --------------------------------------------------------
    ("count-ge-zhong", "t", HANS, HANT, "这家公司创造了许多个中国第一", "許多個中國第一", "許多箇", True),
    ("count-ge-zhong-twp", "twp", HANS, HANT, "创造了许多个中国第一", "許多個中國第一", "箇", True),
    ("particle-le-ru-xia", "t", HANS, HANT, "修复了如下问题", "修復了如下", "瞭", True),
    ("therein-ge-zhong-flavour", "t", HANS, HANT, "薛敏就尝到了个中滋味", "箇中滋味", "個中", False),
    ("therein-ge-zhong-reason", "t", HANS, HANT, "个中原因很复杂", "箇中原因", "個中", False),
    ("therein-ge-zhong-sense", "t", HANS, HANT, "个中道理不难理解", "箇中道理", "個中", False),
    ("therein-ge-zhong-subtlety", "t", HANS, HANT, "个中奥妙无人知晓", "箇中奧妙", "個中", False),
    ("therein-ge-zhong-secret", "t", HANS, HANT, "个中奥秘在于算法", "箇中奧祕", "個中", False),
    ("therein-ge-zhong-trick", "t", HANS, HANT, "个中玄机值得玩味", "箇中玄機", "個中", False),
    ("therein-ge-zhong-grounds", "t", HANS, HANT, "个中理由并不充分", "箇中理由", "個中", False),
    ("therein-ge-zhong-essence", "t", HANS, HANT, "深得个中三昧", "箇中三昧", "個中", False),
    ("therein-ge-zhong-master", "t", HANS, HANT, "他是个中高手", "箇中高手", "個中", False),
    ("therein-ge-zhong-adept", "t", HANS, HANT, "她是个中好手", "箇中好手", "個中", False),
    ("eat-chi", "t", HANS, HANT, "跑到华尔街一家家敲门,吃过数不清的闭门羹", "吃過", "喫", True),
    ("eat-chi-tight", "t", HANS, HANT, "口罩、防护服吃紧,CT、呼吸机短缺", "吃緊", "喫", True),
    ("eat-up-gan", "t", HANS, HANT, "吃干抹净", "吃乾抹淨", "幹", False),
    ("eat-noodles-t", "t", HANS, HANT, "中午去吃面", "吃麪", "吃面", False),
    ("eat-noodles-tw", "tw", HANS, HANT, "中午去吃面", "吃麵", "吃面", False),
    ("eat-ginger", "t", HANS, HANT, "冬吃萝卜夏吃姜", "吃薑", "吃姜", False),
    (
        "after-dollars-hou",
        "t",
        HANS,
        HANT,
        "通用汽车终于在投入 100 多亿美元后决定关停 Cruise",
        "億美元後決定",
        "美元后",
        True,
    ),
    ("complex-fu", "t", HANS, HANT, "再去构成更复杂的产品和系统", "更複雜", "更復雜", True),
    ("complex-fen-fu", "t", HANS, HANT, "在纷复繁杂的各种AI应用场景中", "紛複繁雜", "紛復繁雜", True),
    ("reproduce-fu", "t", HANS, HANT, "中国商业航天迎来复现 SpaceX 十年前回收火箭的一刻", "迎來復現", "來複", True),
    ("conflict-chong", "t", HANS, HANT, "越来越与美国本土保护主义倾向相冲突", "相衝突", "相沖突", True),
    ("and-bing", "t", HANS, HANT, "将迈迪特出售给海外巨头,并成为其手上的一张王牌", "並成", "併成", True),
    ("merge-bing-guard", "t", HANS, HANT, "两家公司合并成一家", "合併成", "合並", False),
    ("concurrent-bing-fa", "tw", HANS, HANT, "支持高并发访问", "高並發", "高併發", True),
    ("and-issued-bing-fa", "twp", HANS, HANT, "政府并发起调查", "並發起", "併發起", True),
    ("complication-bing-fa-guard", "tw", HANS, HANT, "术后出现并发症", "併發症", "並發症", False),
    ("merge-then-develop-guard", "tw", HANS, HANT, "两家合并发展", "合併發展", "合並", True),
    ("together-issue-guard", "tw", HANS, HANT, "补贴一并发放", "一併發放", "一並", False),
    ("annex-then-develop-guard", "tw", HANS, HANT, "兼并发展", "兼併發展", "兼並", False),
    ("only-zhi", "t", HANS, HANT, "而不是只蜗居在一个产业方向上", "不是只蝸居", "不是隻", True),
    ("core-he", "t", HANS, HANT, "但目前,行业在核心技术攻关上的难点在于", "在核心技術", "覈", True),
    ("nuclear-he", "t", HANS, HANT, "而在核医学装备产业,稀土是关键", "在核醫學", "覈", True),
    ("raise-sheng", "t", HANS, HANT, "毛利率从56．5％拉升至72．1％", "拉升至", "拉昇", True),
    ("only-then-cai", "t", HANS, HANT, "美国政府才不得已动用“国家力量”", "才不得已", "纔", True),
    ("flow-back-hui", "t", HANS, HANT, "中国药企资金回流方式", "資金回流", "迴流", True),
    ("wuxi-family-xi", "t", HANS, HANT, "以药明系为代表的 CXO 企业", "藥明系", "藥明係", True),
    ("jared-li", "t", HANS, HANT, "提名局长贾里德·艾萨克曼", "賈里德", "賈裏德", True),
    ("involution-juan", "t", HANS, HANT, "卷到极致，从 10 归 1", "卷到極致", "捲到", True),
    ("tsmc-tai", "t", HANS, HANT, "台积电在美国本土为苹果制造芯片", "台積電", "臺積電", True),
    ("publish-bu-t", "t", HANS, HANT, "在上海发布了第一款自研芯片", "發布了", "發佈", True),
    ("publish-bu-twp", "twp", HANS, HANT, "商汤科技发布最新公告", "發布最新", "釋出", True),
    ("semiconductor-maker", "t", HANS, HANT, "半导体制造商", "半導體製造商", "制造商", False),
    ("scan-image-out", "t", HANS, HANT, "动态重建图一出，刷屏全球", "圖一出", "齣", False),
    # -- to_traditional, Taiwan phrasing (twp) ------------------------------------------------
    ("bytedance-twp", "twp", HANS, HANT, "字节跳动宣布旗下豆包", "字節跳動", "位元組", True),
    ("no-double-algorithm-twp", "twp", HANS, HANT, "这套演算法和那种算法", "這套演算法和那種演算法", "演演算法", False),
    ("operand-twp", "twp", HANS, HANT, "年底开源了操作数据集", "操作資料集", "運算元", False),
    ("extension-twp", "twp", HANS, HANT, "扩展定律重新定义了算力需求", "擴展定律", "擴充套件", True),
    ("paradigm-twp", "twp", HANS, HANT, "在大模型范式转移中", "範式轉移", "正規化", True),
    ("binding-twp", "twp", HANS, HANT, "供应商纷纷绑定一线厂商", "綁定", "繫結", True),
    ("equipment-twp", "twp", HANS, HANT, "为半导体设备制造商", "設備製造商", "裝置", True),
    ("industrial-cluster-twp", "twp", HANS, HANT, "打造主导产业集群", "產業集群", "叢集", True),
    ("manufacturing-cluster-twp", "twp", HANS, HANT, "现代制造业集群体系", "製造業集群", "叢集", True),
    ("clustering-twp", "twp", HANS, HANT, "重庆存在集群化水平不高", "集群化", "叢集", True),
    ("listing-hearing-twp", "twp", HANS, HANT, "商汤已在港交所正式通过聆讯", "通過聆訊", "透過", True),
    ("support-twp", "twp", HANS, HANT, "获得更多的信任和支持", "信任和支持", "支援", True),
    ("type-twp", "twp", HANS, HANT, "不同类型电池的平均价格", "不同類型", "型別", True),
    ("image-twp", "twp", HANS, HANT, "联影的相关图像重建算法", "影像重建", "影象", True),
    ("window-twp", "twp", HANS, HANT, "这是百度的窗口期", "窗口期", "視窗", True),
    ("process-twp", "twp", HANS, HANT, "从历史进程看", "歷史進程", "程序", True),
    ("parameter-twp", "twp", HANS, HANT, "降低模型参数规模", "參數規模", "引數", True),
    ("instance-twp", "twp", HANS, HANT, "以及实例研究初步证明", "實例研究", "例項", True),
    ("many-tasks-twp", "twp", HANS, HANT, "很多任务都需要一个", "很多任務", "多工", False),
    ("laser-twp", "twp", HANS, HANT, "乘用车激光雷达", "雷射雷達", "鐳射", True),
    ("activate-twp", "twp", HANS, HANT, "出台旨在激活市场", "激活市場", "啟用", True),
    ("train-run-twp", "twp", HANS, HANT, "高铁运行期间", "高鐵運行", "執行", True),
    ("batch-twp", "twp", HANS, HANT, "获得小批量订单", "小批量訂單", "批次", True),
    ("loop-twp", "twp", HANS, HANT, "利润的正向循环", "正向循環", "迴圈", True),
    ("closely-linked-twp", "twp", HANS, HANT, "希望世界是紧密联系的大市场", "緊密聯繫", "聯絡", True),
    ("research-subject-twp", "twp", HANS, HANT, "人形机器人像是研究对象", "研究對象", "物件", True),
    ("marketing-twp", "twp", HANS, HANT, "爱国营销不再奏效", "愛國行銷", "營銷", True),
    ("information-security-twp", "twp", HANS, HANT, "加强信息安全", "資訊安全", "保安", True),
    ("name-cetc-chip-twp", "twp", HANS, HANT, "电科芯片供图", "電科芯片", "晶片", True),
    (
        "name-deepseek-twp",
        "twp",
        HANS,
        HANT,
        "杭州深度求索人工智能基础技术服务有限公司",
        "深度求索人工智能",
        "人工智慧",
        True,
    ),
    ("name-iimedia-twp", "twp", HANS, HANT, "广州艾媒数据信息咨询有限公司", "艾媒數據信息諮詢", "資料", True),
    ("name-noematrix-twp", "twp", HANS, HANT, "穹彻智能等中国企业", "穹徹智能", "智慧", True),
    ("name-astribot-twp", "twp", HANS, HANT, "搭载在中国星尘智能的 S1 机器人上", "星塵智能", "智慧", True),
    ("name-wedoctor-twp", "twp", HANS, HANT, "上海微医人工智能医院", "微醫人工智能醫院", "智慧", True),
    ("name-beijing-icv-twp", "twp", HANS, HANT, "北京智能车联产业创新中心", "北京智能車聯", "智慧", True),
    (
        "name-economy-it-commission-twp",
        "twp",
        HANS,
        HANT,
        "重庆市经济和信息化委员会发布",
        "經濟和信息化委員會",
        "資訊化",
        True,
    ),
    ("computing-cluster-twp", "twp", HANS, HANT, "10 万卡集群", "萬卡叢集", "萬卡集群", False),
    # -- Taiwan words (twp) that s2twp over-converts, found by reading its diff against s2tw ----
    ("news-twp", "twp", HANS, HANT, "据知情的消息人士透露", "消息人士", "訊息", True),
    ("statement-twp", "twp", HANS, HANT, "公司随后发表声明称", "發表聲明", "宣告", True),
    ("documents-twp", "twp", HANS, HANT, "需要提交身份证明文件", "證明文件", "檔案", True),
    ("deregister-twp", "twp", HANS, HANT, "当局注销了三家公司的执照", "註銷了", "登出", True),
    ("target-twp", "twp", HANS, HANT, "成为这次整顿对象之一", "整頓對象", "物件", True),
    ("legal-procedure-twp", "twp", HANS, HANT, "司法程序仍在进行", "司法程序", "程式", True),
    ("ticker-twp", "twp", HANS, HANT, "它的股票代码为 ABC", "股票代碼", "程式碼", True),
    ("checked-luggage-twp", "twp", HANS, HANT, "旅客把电池放入托运行李", "托運行李", "執行", False),
    ("on-the-line-twp", "twp", HANS, HANT, "新品已经在线上销售", "在線上銷售", "線上上", True),
    ("mobile-internet-twp", "twp", HANS, HANT, "移动互联网的红利", "行動網際網路", "移動", True),
    ("laptop-twp", "twp", HANS, HANT, "轻薄的笔记本电脑", "筆記型電腦", "膝上型", True),
    ("company-bull-twp", "twp", HANS, HANT, "法国布尔公司研制了芯片卡", "布爾公司", "布林", True),
    ("boolean-value-twp", "twp", HANS, HANT, "返回一个布尔值", "布林值", "布爾", False),
    ("boolean-operation-twp", "twp", HANS, HANT, "简单的布尔运算", "布林運算", "布爾", False),
    ("euler-twp", "twp", HANS, HANT, "数学家欧拉的公式", "歐拉", "尤拉", True),
    # 程序 and 调用 / 函数 take characters only (characters_only); these computing words are ruled
    ("application-twp", "twp", HANS, HANT, "手机上的应用程序越来越多", "應用程式", "應用程序", False),
    ("mini-program-twp", "twp", HANS, HANT, "微信小程序的用户", "小程式", "小程序", False),
    ("program-code-twp", "twp", HANS, HANT, "工程师用程序代码实现功能", "用程式碼實現", "程序程式碼", False),
    ("call-function-twp", "twp", HANS, HANT, "智能体在不同平台之间调用函数", "呼叫函式", "調用函數", False),
    ("name-western-digital-twp", "twp", HANS, HANT, "西部数据的硬盘", "西部數據", "資料", True),
    ("name-miit-twp", "twp", HANS, HANT, "工业和信息化部发布通知", "工業和信息化部", "資訊", True),
    ("name-guanyong-twp", "twp", HANS, HANT, "冠勇信息科技公司称", "冠勇信息", "資訊", True),
    ("name-formosa-plastics", "tw", HANS, HANT, "台塑集团的工厂", "台塑集團", "臺塑", True),
    # -- house style (Ministry of Education forms), converted and original text alike ----------
    ("house-tai-converted", "twp", HANS, HANT, "台北的新平台", "臺北的新平臺", "台", False),
    ("house-tai-original", "tw", HANT, HANT, "台灣的台幣匯率", "臺灣的臺幣", "台", True),
    ("house-tai-tsmc-kept", "twp", HANT, HANT, "台積電在台南設廠", "台積電在臺南", "臺積電", False),
    ("house-tai-formosa-kept", "tw", HANT, HANT, "台塑在台灣", "台塑在臺灣", "臺塑", False),
    ("house-tai-delta-kept", "tw", HANT, HANT, "台達電的電源", "台達電的", "臺達電", False),
    ("house-taizhou-kept", "twp", HANS, HANT, "浙江台州的工厂", "浙江台州", "臺州", False),
    ("house-tiantai-kept", "tw", HANT, HANT, "天台山下", "天台山", "天臺", False),
    ("house-liaojie", "tw", HANT, HANT, "我們需要瞭解市場", "了解市場", "瞭解", True),
    ("house-gongbu", "twp", HANT, HANT, "政府公佈了數據", "公布了", "公佈", True),
    ("house-xuanbu", "twp", HANT, HANT, "公司宣佈裁員", "宣布裁員", "宣佈", True),
    ("house-fabu-original", "tw", HANT, HANT, "新品發佈會", "發布會", "發佈", True),
    ("house-buju", "twp", HANT, HANT, "提前佈局新賽道", "布局新賽道", "佈局", True),
    ("house-fenbu", "twp", HANT, HANT, "工廠分佈在各地", "分布在", "分佈", True),
    ("house-banbu", "tw", HANT, HANT, "頒佈新法", "頒布新法", "頒佈", True),
    ("house-sanbu", "tw", HANT, HANT, "散佈謠言", "散布謠言", "散佈", True),
    ("house-bianbu", "tw", HANT, HANT, "工廠遍佈全國", "遍布全國", "遍佈", True),
    ("house-buzhi", "tw", HANT, HANT, "佈置會場", "布置會場", "佈置", True),
    ("house-bufen", "tw", HANT, HANT, "一部份人", "一部分人", "部份", True),
    ("house-shenfen", "twp", HANS, HANT, "他的身份是顾问", "身分是", "身份", True),
    ("house-zhan", "twp", HANT, HANT, "佔據一半份額", "占據", "佔", True),
    ("house-zhang", "twp", HANT, HANT, "開設銀行賬戶", "帳戶", "賬", True),
    ("house-heng", "tw", HANT, HANT, "恒久的價值", "恆久", "恒", True),
    ("house-week", "tw", HANT, HANT, "過去一周", "一週", "一周", True),
    ("house-cycle", "tw", HANT, HANT, "產業周期", "產業週期", "周期", True),
    ("house-weekend", "tw", HANT, HANT, "這個周末", "週末", "周末", True),
    ("house-jihua", "twp", HANT, HANT, "這項計劃和那個計畫", "這項計畫", "計劃", True),
    ("house-jihua-design-kept", "tw", HANT, HANT, "按照設計劃分區域", "設計劃分", "設計畫", False),
    ("house-jihua-statistics-kept", "tw", HANT, HANT, "按統計劃出範圍", "統計劃出", "統計畫", False),
    ("house-jihua-estimate-kept", "tw", HANT, HANT, "據估計劃定的面積", "估計劃定", "估計畫", False),
    ("house-jihua-accounting-kept", "tw", HANT, HANT, "按會計劃入科目", "會計劃入", "會計畫", False),
    ("house-jihua-divide-kept", "tw", HANT, HANT, "合計劃分三類", "合計劃分", "合計畫", False),
    ("house-anniversary", "tw", HANT, HANT, "成立十周年", "十週年", "周年", True),
    # -- Hong Kong forms in traditional originals, under the Taiwan standard ---------------------
    ("hk-wei-to-tw", "twp", HANT, HANT, "衞生部門的紅衞兵", "衛生部門的紅衛兵", "衞", True),
    ("hk-tuo-to-tw", "twp", HANT, HANT, "脱歐後脱離聯盟", "脫歐後脫離", "脱", True),
    ("hk-dui-to-tw", "tw", HANT, HANT, "兑現承諾", "兌現", "兑", True),
    ("hk-shui-to-tw", "tw", HANT, HANT, "關税上調", "關稅", "税", True),
    ("hk-shuo-to-tw", "twp", HANT, HANT, "他説", "他說", "説", True),
    ("hk-yue-to-tw", "tw", HANT, HANT, "喜悦", "喜悅", "悦", True),
    ("hk-rui-to-tw", "tw", HANT, HANT, "鋭意進取", "銳意", "鋭", True),
    ("hk-yue-read-to-tw", "tw", HANT, HANT, "閲讀", "閱讀", "閲", True),
    ("hk-tui-to-tw", "tw", HANT, HANT, "蜕變", "蛻變", "蜕", True),
    ("hk-hu-to-tw", "tw", HANT, HANT, "用户數", "用戶數", "户", True),
    ("hk-wen-to-tw", "tw", HANT, HANT, "温度", "溫度", "温", True),
    ("hk-xian-to-tw", "tw", HANT, HANT, "綫路", "線路", "綫", True),
    ("hk-xu-to-tw", "tw", HANT, HANT, "敍事", "敘事", "敍", True),
    ("hk-gou-to-tw", "tw", HANT, HANT, "掛鈎", "掛鉤", "鈎", True),
    ("hk-edition-keeps-its-forms", "hk", HANT, HANT, "衞生署説", "衞生署説", "衛", False),
    ("hk-wei-to-simplified", "twp", HANT, HANS, "衞生署", "卫生署", "衞", True),
    # -- to_simplified ----------------------------------------------------------------------
    ("particle-zhe", "t", HANT, HANS, "隨著美國的實體清單越來越長", "随着美国", "著", True),
    ("particle-zhe-hanging", "t", HANT, HANS, "終於可以暫時放下那顆懸著的心了", "悬着的心", "著", True),
    ("famous-zhu", "t", HANT, HANS, "著名的科學家", "著名", "着名", False),
    ("work-zhu", "t", HANT, HANS, "他的著作等身", "著作", "着作", False),
    ("renowned-zhu", "t", HANT, HANS, "以創新著稱", "著称", "着称", False),
    ("author-zhu", "t", HANT, HANS, "本書著者", "著者", "着者", False),
    ("writings-zhu", "t", HANT, HANS, "他的著述頗豐", "著述", "着述", False),
    ("record-zhu", "t", HANT, HANS, "著錄在案", "著录", "着录", False),
    ("write-books-zhu", "t", HANT, HANS, "著書立說", "著书", "着书", False),
    ("authored-zhu", "t", HANT, HANS, "他著有三本書", "著有", "着有", False),
    ("notable-zhu", "t", HANT, HANS, "效率顯著提升", "显著", "显着", False),
    ("outstanding-zhu", "t", HANT, HANS, "成效卓著", "卓著", "卓着", False),
    ("notorious-zhu", "t", HANT, HANS, "臭名昭著", "昭著", "昭着", False),
    ("indigenous-zhu", "t", HANT, HANS, "土著居民", "土著", "土着", False),
    ("classic-zhu", "t", HANT, HANS, "世界名著", "名著", "名着", False),
    ("monumental-zhu", "t", HANT, HANS, "一部巨著", "巨著", "巨着", False),
    ("monumental-variant-zhu", "t", HANT, HANS, "一部鉅著", "巨著", "着", False),
    ("original-zhu", "t", HANT, HANS, "改編自原著", "原著", "原着", False),
    ("monograph-zhu", "t", HANT, HANS, "學術專著", "专著", "专着", False),
    ("compile-zhu", "t", HANT, HANS, "主編編著", "编著", "编着", False),
    ("treatise-zhu", "t", HANT, HANS, "理論論著", "论著", "论着", False),
    ("translation-zhu", "t", HANT, HANS, "譯著出版", "译著", "译着", False),
    ("coauthor-zhu", "t", HANT, HANS, "兩人合著", "合著", "合着", False),
    ("core-twp-reverse", "twp", HANT, HANS, "在關鍵產品或者核心技術上取得突破", "核心技术", "内核", False),
    (
        "taiwan-words-kept-in-simplified",
        "twp",
        HANT,
        HANS,
        "中央通訊社說，這份文件建立在",
        "通讯社说，这份文件建立",
        "通信社",
        False,
    ),
    ("surname-yu-stays", "t", HANT, HANS, "余承東形容華為手機", "余承东", "馀", False),
    # -- traditional_normalise (traditional original → both editions) ------------------------
    ("relation-xi-hant", "t", HANT, HANT, "中美關系處在十字路口", "中美關係", "關系", True),
    ("relation-xi-hans", "t", HANT, HANS, "中美關系處在十字路口", "中美关系", "關", False),
    ("customs-system-guard", "t", HANT, HANT, "海關系統升級", "海關系統", "關係", False),
    ("complex-fu-hant", "t", HANT, HANT, "紛繁復雜", "紛繁複雜", "復雜", True),
    ("although-jin", "t", HANT, HANT, "盡管雙方都在盡力", "儘管雙方", "盡管", True),
    ("drawn-into-juan", "t", HANT, HANT, "被動卷入貿易爭端", "被動捲入", "卷入", True),
    ("and-bing-hant", "t", HANT, HANT, "推進并啟動磋商", "推進並啟動", "并", True),
    ("merge-he-bing", "t", HANT, HANT, "兩家公司合并", "合併", "合並", False),
    ("annex-jian-bing", "t", HANT, HANT, "兼并重組", "兼併", "兼並", False),
    ("swallow-tun-bing", "t", HANT, HANT, "吞并對手", "吞併", "吞並", False),
    ("m-and-a-bing", "t", HANT, HANT, "市場化并購", "併購", "並購", False),
    ("label-qian", "t", HANT, HANT, "打上資本家的標簽", "標籤", "標簽", True),
    ("finally-yu", "t", HANT, HANT, "終于可以暫時放下", "終於", "終于", True),
    ("based-on-yu", "t", HANT, HANT, "基于中國科技崛起", "基於", "基于", True),
    ("used-for-yu", "t", HANT, HANT, "更適用于垂類模型訓練", "適用於", "于", True),
    ("lower-than-yu", "t", HANT, HANT, "算力低于H100", "低於", "低于", True),
    ("out-of-yu", "t", HANT, HANT, "出于對華為被打壓的不滿", "出於", "出于", True),
    ("what-me", "t", HANT, HANT, "為什么一些企業", "為什麼", "什么", True),
    ("how-me", "t", HANT, HANT, "這多么振奮人心", "多麼", "多么", True),
    ("rather-yuan", "t", HANT, HANT, "寧愿選擇閹割版", "寧願", "寧愿", True),
    ("manufacture-zhi", "t", HANT, HANT, "就是用于制造芯片的光刻機", "用於製造芯片", "制造", True),
    ("sanction-zhi-stays", "t", HANT, HANT, "面對歐美制裁加碼", "歐美制裁", "製裁", False),
    ("control-zhi-guard", "t", HANT, HANT, "出口管制造成的損失", "出口管制造成", "管製", False),
    ("limit-zhi-guard", "t", HANT, HANT, "產能限制造成短缺", "限制造成", "限製", False),
    ("steer-zhi-guard", "t", HANT, HANT, "控制造價", "控制造價", "控製", False),
    ("system-zhi-guard", "t", HANT, HANT, "體制造就了奇蹟", "體制造就", "體製", False),
    ("mechanism-zhi-guard", "t", HANT, HANT, "機制造成扭曲", "機制造成", "機製", False),
    ("turn-head-chong", "t", HANT, HANT, "盲目捧殺沖昏了頭", "衝昏", "沖昏", True),
    ("solidly-za", "t", HANT, HANT, "扎扎實實把產品做好", "紮紮實實", "扎扎", True),
    ("entrust-tuo", "t", HANT, HANT, "似乎寄托了人們的想象", "寄託", "寄托", True),
]

DIRECTIONS = {
    "to_traditional": {(HANS, HANT)},
    "to_simplified": {(HANT, HANS)},
    "traditional_normalise": {(HANT, HANT), (HANT, HANS)},
    "house_style": {(HANS, HANT), (HANT, HANT)},
    "hong_kong_forms": {(HANT, HANT), (HANT, HANS)},
}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_conversion_case(case):
    _, variant, source, target, text, wanted, unwanted, engine_alone_is_wrong = case
    result = converter(variant).convert(text, source, target)
    assert wanted in result, result
    assert unwanted not in result, result
    if engine_alone_is_wrong:  # the rule is not decoration: without it this engine really gets it wrong
        assert unwanted in converter(variant, overrides=NO_RULES).convert(text, source, target)


def test_case_ids_are_unique():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_rule_has_a_case():
    missing = []
    for section in DIRECTIONS:
        for rule in getattr(OVERRIDES, section):
            if not any(
                (c[2], c[3]) in DIRECTIONS[section] and rule.applies(c[1]) and rule.source in c[4] for c in CASES
            ):
                missing.append(f"{section}: {rule.source} (line {rule.line})")
    assert not missing, f"rules without a case in CASES: {missing}"


# Characters OpenCC writes one way in its standard traditional (t) and another in Taiwan forms (tw,
# twp), from TWVariants.txt.  A rule for every variant must leave them to OpenCC, except these
# three, which the rules deliberately write in the modern form everywhere (吃, 在核, 才不).
VARIANT_SENSITIVE = set(
    "僞啓喫嫺嬀峯幺擡棱檐污泄潙潨爲牀痹癡皁着睾祕竈糉繮纔羣脣蔘蔿衆裏覈踊鉢鍼鮎麪齶"
    "偽啟吃嫻媯峰么抬稜簷汙洩溈潀為床痺痴皂著睪秘灶粽韁才群唇參蒍眾裡核踴缽針鯰麵顎"
)
MODERN_EVERYWHERE = set("吃核才")


def test_rule_targets_fit_every_variant():
    clashes = [
        f"{r.source} → {r.target} (line {r.line})"
        for r in OVERRIDES.to_traditional
        if r.applies("t") and r.applies("tw") and set(r.target) & (VARIANT_SENSITIVE - MODERN_EVERYWHERE)
    ]
    assert not clashes, f"give these one rule per variant, or a shorter phrase: {clashes}"


def test_simplified_original_in_its_own_edition_is_untouched():
    text = "许多个关系，并于此。"
    conv = converter()
    conv._s2t = conv._t2s = lambda gap: pytest.fail(f"engine called on a simplified original: {gap}")
    assert conv.convert(text, HANS, HANS) == text


@pytest.mark.parametrize("variant", ["t", "tw", "twp", "hk"])
def test_traditional_original_is_never_run_through_s2t(variant):
    conv = converter(variant)
    conv._s2t = lambda gap: pytest.fail(f"s2t called on a traditional original: {gap}")
    assert conv.convert("這套演算法很好，中美關系", HANT, HANT) == "這套演算法很好，中美關係"
    simplified = conv.convert("這套演算法很好，中美關系", HANT, HANS)
    assert "关系" in simplified and "演演" not in simplified


def test_twp_does_not_convert_taiwan_words_twice():
    result = converter("twp").convert("这套演算法比那个算法好", HANS, HANT)
    assert result.count("演算法") == 2 and "演演" not in result


def test_glossary_forms_win_over_opencc():
    assert converter("twp", overrides=NO_RULES).convert("推理芯片", HANS, HANT) == "推理晶片"
    assert (
        converter("twp", overrides=NO_RULES, pairs=[("推理芯片", "推理芯片")]).convert("推理芯片", HANS, HANT)
        == "推理芯片"
    )
    # the reverse direction uses the same pairs
    assert converter("twp", overrides=NO_RULES).convert("推理晶片", HANT, HANS) == "推理晶片"  # tw2s: characters only
    assert converter("twp", overrides=NO_RULES, pairs=[("芯片", "晶片")]).convert("推理晶片", HANT, HANS) == "推理芯片"


def test_explicit_rule_beats_glossary_on_the_same_phrase(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text("to_traditional:\n  - {from: 卡脖子, to: 卡頸子, why: test}\n", encoding="utf-8")
    conv = converter(overrides=load_overrides(path), pairs=[("卡脖子", "卡脖子")])
    assert conv.convert("被卡脖子", HANS, HANT) == "被卡頸子"


def test_rules_and_glossary_compete_leftmost_longest():
    # the glossary's 内卷 starts before the rule's 卷到极致: 内卷 wins, OpenCC converts 到极致
    conv = converter(pairs=[("内卷", "內卷")])
    assert conv.convert("内卷到极致", HANS, HANT) == "內卷到極致"
    assert conv.convert("卷到极致的内卷", HANS, HANT) == "卷到極致的內卷"


def test_protected_phrase_is_never_shown_to_opencc(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text("to_traditional:\n  - {keep: 发布会, why: test}\n", encoding="utf-8")
    conv = converter(overrides=load_overrides(path))
    seen = []
    engine = conv._s2t
    conv._s2t = lambda gap: seen.append(gap) or engine(gap)
    assert conv.convert("新闻发布会上宣布", HANS, HANT) == "新聞发布会上宣佈"
    assert seen == ["新闻", "上宣布"]


def test_variant_setting_changes_output():
    assert converter("t").convert("软件", HANS, HANT) == "軟件"
    assert converter("tw").convert("软件", HANS, HANT) == "軟件"
    assert converter("twp").convert("软件", HANS, HANT) == "軟體"
    assert converter("t").convert("成为", HANS, HANT) == "成爲"
    assert converter("tw").convert("成为", HANS, HANT) == "成為"


def test_variant_specific_rules_apply_only_to_their_variants():
    assert converter("t").convert("字节跳动", HANS, HANT) == "字節跳動"
    assert converter("twp", overrides=NO_RULES).convert("字节跳动", HANS, HANT) == "位元組跳動"
    assert converter("t").convert("设备", HANS, HANT) == converter("t", overrides=NO_RULES).convert("设备", HANS, HANT)


def test_unknown_script_or_variant_is_an_error():
    with pytest.raises(ValueError):
        converter().convert("中国", "zh-CN", HANT)
    with pytest.raises(ConversionError, match="unknown traditional variant"):
        converter("cn")


# -- caching ----------------------------------------------------------------------------------


def counting(conv: ScriptConverter) -> list[str]:
    calls: list[str] = []
    engine = conv._s2t
    conv._s2t = lambda gap: calls.append(gap) or engine(gap)
    return calls


def test_memory_cache_avoids_a_second_engine_call():
    conv = converter()
    calls = counting(conv)
    first = conv.convert("中国的芯片产业", HANS, HANT)
    assert calls
    calls.clear()
    assert conv.convert("中国的芯片产业", HANS, HANT) == first
    assert not calls and conv.engine_calls == 1


def test_disk_cache_serves_a_new_converter(tmp_path):
    text = "中国的芯片产业正在崛起，许多个中国第一。" * 5
    expected = converter(cache_dir=tmp_path).convert(text, HANS, HANT)
    second = converter(cache_dir=tmp_path)
    second._s2t = lambda gap: pytest.fail("engine called despite a cache hit")
    assert second.convert(text, HANS, HANT) == expected
    assert second.engine_calls == 0
    assert not list(tmp_path.rglob("*.tmp")), "temporary files left behind"


def test_disk_cache_is_keyed_by_fingerprint(tmp_path):
    text = "开发者在软件里编写算法，这是一段足够长的文字。"
    assert (
        converter("t", cache_dir=tmp_path).convert(text, HANS, HANT) == "開發者在軟件裏編寫算法，這是一段足夠長的文字。"
    )
    assert (
        converter("twp", cache_dir=tmp_path).convert(text, HANS, HANT)
        == "開發者在軟體裡編寫演算法，這是一段足夠長的文字。"
    )


def test_unreadable_cache_entry_is_a_miss(tmp_path):
    text = "中国的芯片产业正在崛起，许多个中国第一。" * 5
    conv = converter(cache_dir=tmp_path)
    expected = conv.convert(text, HANS, HANT)
    for entry in tmp_path.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\xff\xfe\xfa")
    assert converter(cache_dir=tmp_path).convert(text, HANS, HANT) == expected


def test_fingerprint_changes_with_settings_rules_glossary_and_engine(tmp_path, monkeypatch):
    base = converter().fingerprint
    assert converter().fingerprint == base
    assert converter("tw").fingerprint != base
    assert converter(pairs=[("内卷", "內卷")]).fingerprint != base
    path = tmp_path / "o.yaml"
    path.write_text("to_traditional:\n  - {from: 甲, to: 乙, why: test}\n", encoding="utf-8")
    ruled = converter(overrides=load_overrides(path)).fingerprint
    assert ruled != base
    path.write_text("# a comment\nto_traditional:\n  - {from: 甲, to: 乙, why: another reason}\n", encoding="utf-8")
    assert converter(overrides=load_overrides(path)).fingerprint == ruled  # comments and `why` change no output
    engine = engine_module.ENGINE
    monkeypatch.setattr(engine_module, "ENGINE", Engine(engine.name, engine.version + "-next", engine.load))
    assert converter().fingerprint != base


# -- engine adapter ---------------------------------------------------------------------------


class _FakeOfficial:
    """The official binding's shape: wants `s2t.json`."""

    def __init__(self, config):
        assert config.endswith(".json"), config
        self.config = config

    def convert(self, text):
        return f"{self.config}:{text}"


class _FakeReimplemented(_FakeOfficial):
    def __init__(self, config):
        assert not config.endswith(".json"), config
        self.config = config


def test_adapter_recognises_the_official_binding(monkeypatch):
    fake = types.ModuleType("opencc")
    fake.OpenCC, fake.__version__, fake.CONFIGS = _FakeOfficial, "1.4.2", ["s2t.json"]
    monkeypatch.setitem(sys.modules, "opencc", fake)
    engine = engine_module._detect_engine()
    assert (engine.name, engine.version) == ("opencc", "1.4.2")
    assert engine.load("s2twp")("软件") == "s2twp.json:软件"


def test_adapter_recognises_the_reimplementation(monkeypatch):
    fake = types.ModuleType("opencc")
    fake.OpenCC = _FakeReimplemented
    monkeypatch.setitem(sys.modules, "opencc", fake)
    engine = engine_module._detect_engine()
    assert engine.name == "opencc-python-reimplemented"
    assert engine.load("t2s")("軟件") == "t2s:軟件"


def test_active_engine_and_mismatch(monkeypatch):
    assert engine_module.ENGINE.name == "opencc-python-reimplemented"  # what the project pins
    official = Engine("opencc", "1.4.2", lambda config: lambda text: text)
    monkeypatch.setattr(engine_module, "ENGINE", official)
    with pytest.raises(ConversionError, match="install opencc-python-reimplemented"):
        converter()
    auto = ScriptConverter(ConversionSettings(engine="auto"), OVERRIDES)
    assert auto.engine.name == "opencc"
    with pytest.raises(ConversionError, match="unknown engine"):
        ScriptConverter(ConversionSettings(engine="opencc-rs"), OVERRIDES)


# -- malformed override files -----------------------------------------------------------------

MALFORMED = [
    ("yaml-syntax", "to_traditional:\n  - {from: 甲, to: 乙, why: x}\n  - {from: 丙, to: [\n", 4, "malformed YAML"),
    (
        "unknown-section",
        "to_traditional: []\ncolours:\n  - {from: 甲, to: 乙, why: x}\n",
        2,
        "unknown section `colours`",
    ),
    ("section-not-list", "to_simplified: 甲\n", 1, "`to_simplified` must be a list of rules"),
    ("rule-not-mapping", "to_traditional:\n  - 甲乙\n", 2, "must be a mapping"),
    (
        "unknown-field",
        "to_traditional:\n  - {from: 甲, to: 乙, why: x}\n  - {from: 甲乙, too: 丙, why: x}\n",
        3,
        "unknown field `too`",
    ),
    ("missing-to", "to_traditional:\n\n  - {from: 甲, why: x}\n", 3, "field `to` is missing"),
    ("missing-why", "to_traditional:\n  - {from: 甲, to: 乙}\n", 2, "field `why` is missing"),
    ("empty-from", "to_traditional:\n  - {from: '', to: 乙, why: x}\n", 2, "`from` must be non-empty text"),
    (
        "number-not-text",
        "to_simplified:\n  - {from: 甲, to: 乙, why: x}\n  - {from: 123, to: 乙, why: x}\n",
        3,
        "`from` must be non-empty text",
    ),
    ("keep-and-from", "to_traditional:\n  - {keep: 甲, from: 甲, why: x}\n", 2, "`keep` cannot be combined"),
    ("word-with-to", "characters_only:\n  - {word: 项目, to: 項目, why: x}\n", 2, "unknown field `to`"),
    ("word-without-why", "characters_only:\n  - {word: 项目}\n", 2, "field `why` is missing"),
    ("word-twice", "characters_only:\n  - {word: 项目, why: x}\n  - {word: 项目, why: y}\n", 3, "already ruled"),
    (
        "bad-variants",
        "to_traditional:\n  - {from: 甲, to: 乙, variants: [cn], why: x}\n",
        2,
        "`variants` must be a non-empty list",
    ),
    (
        "repeated-variant",
        "to_traditional:\n  - {from: 甲, to: 乙, why: x}\n  - {from: 丙, to: 丁, variants: [tw, tw], why: x}\n",
        3,
        "`variants` must be a non-empty list of distinct t, tw, twp, hk",
    ),
    ("variant-not-text", "to_traditional:\n  - {from: 甲, to: 乙, variants: [tw, 1], why: x}\n", 2, "distinct"),
    ("variants-not-list", "to_traditional:\n  - {from: 甲, to: 乙, variants: tw, why: x}\n", 2, "distinct"),
    (
        "duplicate-rule",
        "to_traditional:\n  - {from: 甲, to: 乙, why: x}\n  - {from: 甲, to: 丙, why: y}\n",
        3,
        "`甲` is already ruled at line 2",
    ),
    (
        "duplicate-rule-overlapping-variants",
        "to_traditional:\n  - {from: 甲, to: 乙, variants: [t, tw], why: x}\n"
        "  - {from: 甲, to: 丙, variants: [tw], why: y}\n",
        3,
        "already ruled at line 2",
    ),
    ("duplicate-field", "to_traditional:\n  - {from: 甲, to: 乙, to: 丙, why: x}\n", 2, "`to` is given twice"),
    (
        "duplicate-section",
        "to_traditional: []\nto_simplified: []\nto_traditional: []\n",
        3,
        "`to_traditional` is given twice",
    ),
    ("top-level-list", "- {from: 甲, to: 乙, why: x}\n", 1, "must map sections"),
]


MALFORMED_NAMES = [
    ("not-yaml", "names:\n  - {name: 余承东, traditional: [\n", 3, "malformed YAML"),
    ("unknown-section", "people:\n  - {name: 余承东}\n", 1, "unknown section `people`"),
    ("section-not-list", "names: 余承东\n", 1, "`names` must be a list"),
    ("entry-not-mapping", "names:\n  - 余承东\n", 2, "must be a mapping"),
    ("unknown-field", "names:\n  - {name: 余承东, tradition: 余承東}\n", 2, "unknown field `tradition`"),
    ("missing-name", "names:\n  - {traditional: 余承東}\n", 2, "field `name` is missing"),
    ("keep-without-why", "protected:\n  - {keep: 某某}\n", 2, "field `why` is missing"),
    ("not-chinese", "names:\n  - {name: Yu}\n", 2, "has no Chinese characters"),
    ("listed-twice", "names:\n  - {name: 何峰}\n  - {name: 何峰, why: again}\n", 3, "already listed at line 2"),
]


DATA_FILES = {
    "conversion_overrides.yaml": (load_overrides, ConversionError),
    "protected_names.yaml": (load_protected_names, NamesError),
}
MALFORMED_FILES = [("conversion_overrides.yaml", *m) for m in MALFORMED] + [
    ("protected_names.yaml", *m) for m in MALFORMED_NAMES
]


@pytest.mark.parametrize(
    "file, text, line, message",
    [m[:1] + m[2:] for m in MALFORMED_FILES],
    ids=[f"{m[0].split('_')[0]}-{m[1]}" for m in MALFORMED_FILES],
)
def test_malformed_data_file_names_file_and_line(tmp_path, file, text, line, message):
    path = tmp_path / file
    path.write_text(text, encoding="utf-8")
    load, error_type = DATA_FILES[file]
    with pytest.raises(error_type) as error:
        load(path)
    first = str(error.value).splitlines()[0]
    assert first.startswith(f"{path}:{line}: "), first
    assert message in first and " — " in first, first


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text("to_traditional:\n  - {from: 甲, why: x}\n  - {to: 乙, why: x}\nnope: []\n", encoding="utf-8")
    with pytest.raises(ConversionError) as error:
        load_overrides(path)
    assert [p.split(": ")[0] for p in error.value.problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_an_entry_s_problems_keep_the_order_of_its_fields(tmp_path):
    path = tmp_path / "n.yaml"
    path.write_text("protected:\n  - {keep: ' 某某', hint: x}\n", encoding="utf-8")
    with pytest.raises(NamesError) as error:
        load_protected_names(path)
    assert [p.split(": ", 1)[1].split(" — ")[0] for p in error.value.problems] == [
        "unknown field `hint`",
        "`keep` has leading/trailing spaces or a line break",
        "field `why` is missing",
    ]


def test_variant_specific_duplicates_are_allowed(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text(
        "to_traditional:\n  - {from: 甲, to: 乙, variants: [t], why: x}\n"
        "  - {from: 甲, to: 丙, variants: [tw, twp], why: y}\n",
        encoding="utf-8",
    )
    table = load_overrides(path)
    assert converter("t", overrides=table).convert("甲", HANS, HANT) == "乙"
    assert converter("twp", overrides=table).convert("甲", HANS, HANT) == "丙"


def test_missing_or_empty_file_means_no_rules(tmp_path):
    assert load_overrides(tmp_path / "absent.yaml") == OverrideTable()
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_overrides(tmp_path / "empty.yaml") == OverrideTable()


# -- the seeds, end to end --------------------------------------------------------------------

TRADITIONAL_SEEDS = {"001"}  # 001 is written in traditional characters (with non-standard forms)
KNOWN_BAD = {  # wrong forms measured on the seeds before the rules existed
    "all": [
        "許多箇",
        "藥明係",
        "賈裏德",
        "捲到極致",
        "喫",
        "美元后",
        "更復雜",
        "紛復",
        "相沖突",
        "併成",
        "不是隻",
        "覈",
        "拉昇",
        "纔",
        "迴流",
        "臺積電",
        "發佈",
        "關系",
    ],
    "twp": [
        "位元組",
        "演演算法",
        "運算元",
        "擴充套件",
        "正規化",
        "繫結",
        "產業叢集",
        "製造業叢集",
        "叢集化",
        "透過聆訊",
        "信任和支援",
        "政策的支援",
        "型別",
        "影象",
        "視窗",
        "歷史程序",
        "引數",
        "例項",
        "很多工",
        "鐳射",
        "啟用市場",
        "高鐵執行",
        "批次",
        "迴圈",
        "緊密聯絡",
        "研究物件",
        "電科晶片",
        "人工智慧醫院",
        "深度求索人工智慧",
        "艾媒資料",
        "穹徹智慧",
        "星塵智慧",
        "智慧車聯",
        "資訊化委員會",
    ],
    "simplified": ["随著", "悬著", "内核技术", "關系", "關係"],
}


@pytest.mark.parametrize("variant", ["t", "tw", "twp", "hk"])
def test_seeds_convert_without_known_errors(variant):
    conv = converter(variant)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        source = HANT if seed.name[:3] in TRADITIONAL_SEEDS else HANS
        for target in (HANS, HANT):
            result = conv.convert(text, source, target)
            if target == HANT:
                bad = KNOWN_BAD["all"] + (KNOWN_BAD["twp"] if variant == "twp" and source == HANS else [])
            else:
                bad = KNOWN_BAD["simplified"] if source == HANT else []
            found = [b for b in bad if b in result]
            assert not found, (seed.name, variant, target, found)
            if source == HANT:
                assert ("關係" if target == HANT else "关系") in result
            if source == target == HANS:
                assert result == text


# -- Taiwan phrasing by whole words -------------------------------------------------------------------


def test_phrasing_keeps_every_character_and_leaves_jiebas_own_dictionary_alone():
    """The cut loses nothing (spaces, Latin, digits, punctuation), and the phrase keys added to the
    conversion's dictionary do not change how the name check and search cut words."""
    import jieba

    conv = converter("twp")
    text = "党内存在问题, SQL注入 3 次。\n  软件开发（v2）与 内存条"
    assert conv.phrasing is not None and converter("tw").phrasing is None
    words = conv.phrasing.words(text)
    assert "".join(words) == text and "软件" in words and "内存" in words
    assert conv.convert(text, HANS, HANT) == "黨內存在問題, SQL隱碼攻擊 3 次。\n  軟體開發（v2）與 記憶體條"
    added = ("下拉列表", "串行端口", "命名空间")  # phrase keys that jieba's dictionary lacks
    assert all(conv.phrasing._jieba.FREQ.get(w) for w in added)
    assert not any(jieba.dt.FREQ.get(w) for w in added)


def test_phrasing_without_the_phrase_table_is_still_by_whole_words():
    """The official binding's tables are binary: a word counts as a key when its Taiwan phrasing differs
    (so a compound of jieba's dictionary counts as one word there: 体育项目 would still be 體育專案)."""
    from build_tools.chinese.opencc_engine import plain_converter
    from build_tools.chinese.phrasing import TaiwanPhrasing

    words = TaiwanPhrasing(None, plain_converter("s2tw"), plain_converter("s2twp"), ["项目"])
    assert words.convert("党内存在问题") == "黨內存在問題"
    assert words.convert("开源软件和这个项目") == "開源軟體和這個項目"


@pytest.mark.parametrize(
    "characters", [str.upper, lambda text: text.replace("和", "與及")], ids=["same-length", "length-changed"]
)
def test_phrasing_splices_key_words_into_the_characters(characters):
    """Key words get their phrase, the rest the characters; also when the characters change a length."""
    from build_tools.chinese.phrasing import TaiwanPhrasing

    words = TaiwanPhrasing(["软件"], characters, lambda word: "<" + word + ">", [])
    assert words.convert("ab软件和cd") == characters("ab") + "<软件>" + characters("和cd")
