"""Commitments: sentences that report the past hold none, even inside a plan part (mixed parts,
reports without part headings, policy addresses)."""

from __future__ import annotations

from annotate.annotators.commitments import annotate_commitments
from annotate.model import Block, Meta, Report


def _texts(text: str, year=2021, script: str = "simplified") -> list[str]:
    blocks = (Block(id="p1", kind="p", parent=None, start=0, end=len(text)),)
    r = annotate_commitments(Report(meta=Meta(script=script, year=year), text=text, blocks=blocks))
    return [c.text for c in r.commitments]


def test_paragraph_opened_by_a_past_period_reports_until_a_plan_sign():
    text = ("过去五年，我国经济社会发展取得新的历史性成就。脱贫攻坚成果举世瞩目，5575万农村贫困人口实现脱贫。"
            "农业现代化稳步推进，粮食生产连年丰收。区域重大战略扎实推进。"
            "全面深化改革取得重大突破，供给侧结构性改革持续推进。\n"
            "“十四五”时期要加快构建新发展格局，推动高质量发展。")
    assert _texts(text) == ["“十四五”时期要加快构建新发展格局", "推动高质量发展"]


def test_a_plan_sign_or_an_order_ends_the_report_inside_a_paragraph():
    text = "过去一年，国防和军队建设扎实推进。今年要加快推进国防现代化。深化国防动员体制改革。"
    assert _texts(text) == ["今年要加快推进国防现代化", "深化国防动员体制改革"]


def test_completion_marks_report_but_not_as_modifiers_or_purposes():
    assert _texts("经过五年持续奋斗，“十三五”规划主要目标任务胜利完成。") == []
    assert _texts("我们优化了输入人才计划，推动和开拓国际合作。") == []
    # 已 inside a modifier, 为顺利完成 a purpose, 已要求 an instruction: plans stay
    assert _texts("从严从实推进督察反馈问题整改，对已完成整改问题进行“回头看”。") == ["从严从实推进督察反馈问题整改"]
    assert _texts("在党中央集中统一领导下推动经济社会发展，为顺利完成各项目标任务提供保证。") == ["在党中央集中统一领导下推动经济社会发展"]
    assert _texts("我已要求政务司司长重组扶贫委员会，研究和识别其他精准扶贫的目标群组。") == ["研究和识别其他精准扶贫的目标群组"]
    assert _texts("在参考了港珠澳大桥的经验后，研究在港深陆路口岸亦实施该政策。") == ["研究在港深陆路口岸亦实施该政策"]


def test_past_mentions_inside_a_plan_stay_plan():
    # 去年 that does not open the sentence, 累计 in an order, a goal list after 目标是：
    assert _texts("粮食产量1300亿斤以上，力争在去年基础上再提高。") == ["力争在去年基础上再提高"]
    assert _texts("扩大人民币跨境使用范围，推动EF账户业务量累计突破5000亿元。") == [
        "扩大人民币跨境使用范围", "推动EF账户业务量累计突破5000亿元"]
    assert _texts("奋斗目标是：生态环境质量保持全国领先，如期实现碳达峰；人民生活水平达到新高度。") == [
        "如期实现碳达峰", "人民生活水平达到新高度"]


def test_years_before_the_report_year_report_and_later_years_plan():
    assert _texts("我们在2018年将公私营房屋比例调整至70:30，进一步加大政策力度兴建更多公营房屋。", year=2021) == []
    assert _texts("2020年，全市加快推进城市更新。", year=2021) == []
    assert _texts("2025年，全市加快推进城市更新。", year=2021) == ["全市加快推进城市更新"]


def test_policy_address_review_and_plan():
    assert _texts("政府已开展筹备建设研发平台，吸引科研团队与本地院校合作，推动科研，汇聚人才。", year=2024) == []
    assert _texts("政府会推动中小企持续发展，支援中小企应对挑战。", year=2024) == ["政府会推动中小企持续发展"]
    assert _texts("我上任以來，積極推動政府與社會改革。", year=2025, script="traditional") == []


def test_subject_and_numbered_openings_of_a_review():
    assert _texts("20.本届政府自上任以来，推动多项跨政策统筹体系改革。", year=2024) == []
    assert _texts("53.此外，过去两年，特区政府大力发展创新及科技事业，推动各行各业合作。", year=2019) == []
    assert _texts("在去年基础上，再推动100个项目开工。", year=2021) == ["再推动100个项目开工"]


def test_proposals_and_work_under_way_are_plans():
    text = ("过去两年，该计划已拨款超过8亿元。政府对发展创意产业的决心不变，我建议再注资10亿元，进一步推动创意产业发展。"
            "粤港两地政府正全力推进港车北上计划。")
    assert _texts(text, year=2020) == ["进一步推动创意产业发展", "粤港两地政府正全力推进港车北上计划"]


def test_unnumbered_run_in_lead_sentence_promises_numbered_heading_does_not():
    def run(text: str, head: str) -> list[str]:
        blocks = (Block(id="s1", kind="subsection", parent=None, start=0, end=len(text)),
                  Block(id="s1.h", kind="heading", parent="s1", start=0, end=len(head)),
                  Block(id="s1.p", kind="p", parent="s1", start=len(head), end=len(text)))
        r = annotate_commitments(Report(meta=Meta(script="simplified", year=2021), text=text, blocks=blocks))
        return [c.text for c in r.commitments]

    lead = "着力推进与北三县一体化高质量发展。"
    assert run(lead + "加快推进厂通路建设。", lead) == ["着力推进与北三县一体化高质量发展", "加快推进厂通路建设"]
    numbered = "（六）奋力推进区域协调发展。"
    assert run(numbered + "加快推进厂通路建设。", numbered) == ["加快推进厂通路建设"]
