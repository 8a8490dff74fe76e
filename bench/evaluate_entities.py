"""Precision and recall of the entity and commitment annotators against the hand-checked gold set.

Gold (``tests/gold/entities.tsv``, ``tests/gold/commitments.tsv``) is keyed by paragraph, not by
offset, so it survives changes to normalization: each row names a corpus file and an *anchor*
(the opening words of a paragraph in the normalized text); every entity / commitment the gold set
lists for that paragraph, and only those, should be found there.

- entities: a prediction matches a gold row with the same text (whitespace ignored) and type;
  "span" scores ignore the type.
- commitments: a prediction matches a gold row with the same verb and clause text (whitespace
  ignored); strength and deadline accuracy are measured over the matches.

Two gold sets: the tuning set (``entities.tsv``, ``commitments.tsv``; the rules were developed
against it) and a held-out set (``heldout_*.tsv``: other reports, annotated after tuning) that
shows how the rules generalize.

Measured history (so later numbers are read for what they are):
- 2026-12-06 (issue 19): every commitment gold file was relabelled under the full rule (every clause
  that promises action, whatever its verb); the annotator's clauses were checked against the text and
  its misses fixed through the lexicon, so these files measure regressions, not generalization.
  The blind measure of the full rule is ``bench/evaluate_commitments.py --heldout``.
- held-out round 1 (beijing-2025, hongkong-2024) first run: entities P 0.469 R 0.517, commitments
  P 0.818 R 0.818 (a ``^``-anchored pattern bug, fixed); general fixes followed, so it is no longer blind.
- held-out round 2 (henan-2026, hongkong-2025 traditional) first, blind run: entities P 0.714 R 0.192,
  commitments P 1.000 R 1.000 (deadline accuracy 0.941); the city gazetteer, list and section
  rules followed, so it is no longer blind either.
- held-out round 3 (shandong-2026) first, blind run: entities P 0.750 R 0.577, commitments P 1.000
  R 0.917 (the miss is the section heading （六）奋力推进区域协调发展, which the annotator skips by
  design and the gold row counts: a gold-convention slip, left as measured).

- held-out round 4 (hainan-2026: paragraphs 实施新时代立德树人工程… and 建成G225乐东至三亚段…, 35 entities and
  22 commitments annotated by hand before the annotators were ever run on the report), first, blind run:
  entities P 0.367 R 0.314 (span only P 0.467 R 0.400), commitments P 1.000 R 0.909 (strength and deadline
  accuracy 1.000).  Never tuned on since; after the general fixes of the same session (verbs inside facility
  names, quote-split names, events, POS noise, campaigns, prepositional frames …) it reads entities P 0.400
  R 0.343, commitments unchanged.  Its misses show what is left: names whose tokens rjieba tags as common
  nouns (琼西北供水工程, 海口永兴教育城), campuses cut at the university (海南师范大学|桂林洋校区), 工程 programmes
  typed as projects, 灌区 typed place where the gold says facility, and two clauses the splitter merges.
- same session, tuning and rounds 1-3 (before -> after): tuning entities P 0.893 R 0.780 -> P 0.941 R 0.805;
  round 1 P 0.742 R 0.793 -> P 0.852 R 0.793; round 2 P 0.913 R 0.808 -> P 0.957 R 0.846 (commitment deadline
  accuracy 0.941 -> 1.000: 年度完成); round 3 P 0.800 R 0.615 -> P 0.909 R 0.769.  Commitments stay at 1.000
  on these sets; the commitment fixes (ladder verbs in prepositional frames, noun phrases, quotes and titles,
  after 已, as a modal's subject; 调查研究 …) remove about 200 false commitments across the corpus that no
  gold paragraph held.

- 2026-11-27, names rjieba reads as common nouns (issue 3).  General fixes, found from the errors of the tuning set and
  rounds 1-4: facility names of [proper] + [common nouns] + suffix (海口永兴教育城; 城 a weak suffix needing a
  descriptive noun, so 名城/小城/同城 stay out), campuses and hospital branches named by their organization (校区,
  院区), a phase making a facility particular and turning an organization into one (行政办公区二期, 海南警察学院二期),
  工程 typed by what it builds (a place, a code or works words → project, else programme; 提升工程/振兴工程 … rows
  launch campaigns with no proper noun, also when coordinated: 实施A工程和B工程), 灌区 a facility (its bare listed
  names stay places), words rjieba mis-tags inside names (新, 未来, 高速, 并举), suffixes swallowed by the next token
  (供水|工程建设, 科技|城有), a place-named section (雄商高铁河南段) and a national designation (国家…试验区) making a
  name particular, quoted programmes keeping their quotes (“九大行动”, “3个100”市重点工程), regional names (鲁西南).
  Before -> after: tuning P 0.941 R 0.805 -> P 0.951 R 0.831; round 1 P 0.852 R 0.793 -> P 0.857 R 0.828;
  round 2 P 0.957 R 0.846 -> P 1.000 R 0.962; round 3 P 0.909 R 0.769 -> P 0.923 R 0.923; round 4 (no longer
  blind: its misses were the brief) P 0.400 R 0.343 -> P 0.875 R 0.800.  Pooled held-out rounds 1-4: P 0.755
  R 0.664 -> P 0.910 R 0.871.  Seed speed unchanged (entities ~12 ms).
- held-out round 5 (sichuan-2026: four plan-half paragraphs 积极扩大有效投资…, 统筹开放大通道…, 联动提升成渝地区…,
  着力优化区域发展格局…, 48 entities annotated by hand before any annotator ran on the report; no commitment gold),
  first, blind run after the fixes above: entities P 0.652 R 0.312 (span only P 0.696 R 0.333).  The code before
  those fixes, run once on it for comparison: P 0.667 R 0.292.  So the fixes barely carry over: its misses are
  mostly other causes — names with no suffix in the table (中欧班列, 引大济岷, 京东方, 成渝世界级机场群), regions ending
  in 经济带/走廊/经济区, quote-opened names (“三江”流域…基地), works listed with their action (成渝高速扩容,
  …扩能改造), a city abbreviation pair (成渝) — and a generic 灌区 phrase taken as a name.  Never tuned on.
  Pooled held-out rounds 1-5: P 0.866 R 0.707.
- 2026-11-27, round 5's misses as a brief (round 5 no longer blind).  General fixes: planned regions (经济带, 经济区,
  经济走廊/开放走廊/文旅走廊, 城市群, 都市圈) grown over common nouns and verbs like facilities, and across a dash between
  two places (岷江—长江上游经济带); place-abbreviation pairs (成渝, 济青, 广深港) proper whatever their tag, and a verb
  that swallowed one repaired (打|造成|渝); 机场群/港口群/班列 projects, numbered units (…三号机组; 煤电机组 stays a kind);
  airports named by a place tagged s/nr (东方机场); quote-opened facilities with a place in the quote (“三江”流域…基地);
  works listed with their action (成渝高速扩容, …成隆段扩能改造) and two-character sections after a line; a suffix
  character glued to the next word split off (…合作|区区|位 → 合作区); a gazetteer name the segmenter split opening the
  name whole (前|海|合作区); quoted counted labels programmes (“十大工程”); size classes (大中型) and 两地 generic;
  place + part set phrases (长江上游) places.  Also a bench fix: a run-in heading (（六）奋力推进…。…) is now a block of
  its own, so paragraph_range runs such an anchor to the line end — round 3 had silently scored 0 predicted.
  Before -> after (same gold): tuning P 0.951 R 0.831 -> P 0.951 R 0.831; round 1 P 0.857 R 0.828 -> P 0.893 R 0.862;
  round 2 P 1.000 R 0.962 -> unchanged; round 3 P 0.923 R 0.923 -> P 0.926 R 0.962; round 4 P 0.875 R 0.800 -> P 0.882
  R 0.857; round 5 P 0.652 R 0.312 -> P 0.848 R 0.583.  Pooled held-out rounds 1-5: P 0.866 R 0.707 -> P 0.905 R 0.811.
  Still missed in round 5: names with no suffix at all (京东方, 惠科, 引大济岷, 长征渠引水, “川渝通办”), lines named by
  abbreviations of small cities that rjieba tags as adverbs or times (绵遂资内铁路, 南三高速), 西部陆海新通道班列 and 中老班列
  (陆海 / 中 / 老 read as common words), 成（绵）南达万经济带, and 示范区 typed facility where that gold says place.
  Seed speed: entities ~17 ms (was ~14 ms; all layers ~35 ms).
- held-out round 6 (zhejiang-2026: five plan-half paragraphs 增强开放枢纽功能…, 增强区域发展协调性…, 推动海洋经济高质量
  发展…, 推动人工智能创新发展…, 积极培育一流创新生态…; 35 entities annotated by hand from the raw text before the
  entity annotator ran on them; no commitment gold), first, blind run after the fixes above: entities P 0.692 R 0.514
  (span only the same).  Caveat on blindness: a corpus-wide list of newly found entity strings (all reports, no
  paragraphs) was read while checking precision before this round was chosen; the paragraph that held one of them
  (三基地两中心, 提升开放平台能级…) was left out.  The session-start code, run once on it for comparison: P 0.680
  R 0.486 — so the round-5 fixes carry over only a little again.  Its misses: shared-suffix conjuncts (义甬舟、金丽温
  开放大通道; 杭州、宁波、温州机场 read as 温州机场枢纽), a parenthesised place inside a name (金华（义乌）中欧班列集结中心),
  lines and routes with no suffix in the table (北仑支线复线, 中欧北极集装箱航线), names with no suffix (魔搭社区, 之江实验室,
  杭州语料库), national designations whose suffix is missing (国家海洋综合试验场) or not typed facility-with-国家 (国家
  海洋经济发展示范区), abbreviation pairs outside the character table (杭甬, 浙中, 沪嘉), works with their action on a
  facility (义乌机场改扩建), quoted programmes with no programme word (“四港”联动, “蓝色粮仓”), and 湾区 grown into a verb
  (大力发展湾区).  Never tuned on.  Pooled held-out rounds 1-6: P 0.873 R 0.759.

- 2026-12-06, issue 18 (entities that hold on unseen reports).  New gold under tests/gold/entities/ (README: the
  labelling conventions): tuning.tsv, 13 task-section paragraphs of national-2025, shanghai-2025, jiangsu/hubei/
  guangdong/fujian-2026 (121 entities) and a second batch labelled after the first held-out scoring (henan/
  shandong/zhejiang/hainan-2025, beijing-2026: 60 more); heldout.tsv, 7 paragraphs of shanghai-2026, hubei/
  guangdong/jiangsu/fujian-2025 (64 entities), labelled before any annotator ran on them, never tuned on.
  Scores by class (``entity_class``) are printed with ``--issue18``.
  Session-start code -> end (same gold, exact span and type):
    tuning batch 1 (121)  P 0.706 R 0.595 -> P 0.957 R 0.926
    tuning batch 2 (60)   blind first run P 0.80 R 0.68; all 181 at the end: P 0.965 R 0.912
    held-out set 1 (64)   P 0.638 R 0.469 -> first scoring P 0.737 R 0.656 -> P 0.754 R 0.672 (scored again; a
                          corpus-wide listing of new entity strings that included these reports was read once,
                          mid-session) -> its errors read, general fixes -> P 0.860 R 0.766 (no longer blind)
    held-out set 2 (52: shandong-2026 坚持内需主导…, shanghai-2023 增强投资…; labelled blind after set 1 was read)
                          P 0.533 R 0.308 -> blind first scoring P 0.641 R 0.481 -> its errors read, general fixes
                          (line extensions, routes in lists, action nouns) -> P 0.867 R 0.750 (no longer blind)
    The blind numbers are what predicts unseen reports: P ~0.64-0.74, R ~0.48-0.66, below the issue's P 0.85 R 0.80.
    by class on held-out set 1, start -> first scoring: campaign R 0.50 -> 0.75, facility P 0.67 R 0.46 -> P 0.64
    R 0.54, line P 0.60 R 0.50 -> P 0.57 R 0.67, place R 0.40 -> 0.50, policy R 0.25 -> 0.50, quoted R 0.50 -> 1.00,
    short_place P 0.58 R 0.65 -> P 0.74 R 0.82.
  Older sets, start -> end: tuning (entities.tsv, two rows aligned with the README) P 0.951 R 0.831 -> P 0.962
  R 0.849; round 1 unchanged; round 2 P 1.000 R 0.962 -> unchanged; round 3 P 0.926 R 0.962 -> P 0.929 R 1.000;
  round 4 P 0.882 R 0.857 -> unchanged; round 5 P 0.848 R 0.583 -> P 0.850 R 0.708; round 6 P 0.692 R 0.514 ->
  P 0.893 R 0.714.
  What held-out set 1 missed at its first scoring (then fixed where general: districts, action words, phases in
  works, RCEP, line extensions): places heading district names (武汉新城, 襄阳东津城市新中心), facilities listed before
  a weak category with no proper noun (东方芯港、大飞机园等特色产业园区), a verb swallowed into a line (加密|中欧中亚班列),
  works with a phase and 工程/项目 (南京禄口机场三期工程), a plan title with a bracket (上海（长三角）…建设方案), names
  with no suffix at all (水乡客厅, 海丝核心区), two-character campaign names (强县工程), places inside product brands
  (潜江龙虾), province pairs (闽港, 闽澳: deliberately left alone).  Set 2 (shandong's infrastructure paragraph) showed
  lists whose category carries a count (等3500多个拟竣工投产项目), names with 与 inside (京杭运河与小清河航道连通工程),
  reservoirs and lines named by common-noun tokens (双堠水库, 机场联络线) and companies with a plant (大唐郓城).
  Speed (process time, min of 40, machine loaded by other sessions): the entity step is ~21 ms on the seed at
  the start and at the end, ~50% of all layers; the speed-only refactor (identical spans on the corpus) took
  ~15% off and the new rules and gazetteers spent it again.  The 25% target is not met: rjieba segmentation alone
  (shared with commitments, paid by whichever layer runs first) is ~20% of all layers.

- 2026-12-07, held-out set 3 (heldout3.tsv: sichuan-2025, shanghai-2024/2021, national-2022/2019, hongkong-2023;
  250 entities, labelled by a labeller who never saw annotator output, scored once by the lead): before the second
  round P 0.620 R 0.456, after it P 0.649 R 0.496 (span only P 0.670 R 0.512).  By class after: line P 0.885 R 0.676,
  policy P 0.577 R 0.682, facility P 0.605 R 0.481, short_place P 0.629 R 0.423, place P 0.542 R 0.394.  The misses
  are names with no suffix (崇明世界级生态岛, 吴淞创新城), river works named by their action (长江等级提升), names cut at
  a place or company (华为|青浦研发中心), two-place abbreviations (川渝, 成达万高铁) and labelling choices (长三角一体化发展
  as the place only).  Its errors have been read: it is no longer blind.
- 2026-12-06, issue 18 second round (generalise; speed).  New gold labelled blind: tuning2.tsv (shanghai-2022/2020,
  national-2018, hongkong-2021: 104 entities) and, after its fixes, tuning3.tsv (national-2016/2017/2021: 31).
  Blind first scores: tuning2 P 0.714 R 0.433 (0.730/0.442 with two campaign labels aligned to the convention);
  tuning3 P 0.467 R 0.483 raw, P 0.633 R 0.613 with five label slips aligned (session-start code on it: P 0.600
  R 0.581).  Session start -> end (same gold): tuning P 0.965 R 0.912 -> P 0.971 R 0.923; tuning2 P 0.730 R 0.442 ->
  P 0.861 R 0.596 (Hong Kong rows P 0.704 R 0.413, the rest P 0.956 R 0.741); tuning3 P 0.600
  R 0.581 -> P 0.839 R 0.839; held-out set 1 P 0.860 R 0.766 -> P 0.911 R 0.797;
  set 2 P 0.867 R 0.750 -> P 0.915 R 0.827; older sets unchanged but tuning (entities.tsv) R 0.849 -> 0.857.
  Hong Kong's small places and lines (罗湖, 打鼓岭, 北环线) are most of what tuning2 still misses: rjieba cuts them
  (山至, 流|浮山) and no general rule was found.  Speed: find_entities about 21% faster than at the session start
  (min process time over six reports; 21% over ten) with the new rules; bench/bench_speed.py (national-2023, the
  shared rjieba tokens cached): entities 25% of tag with the session-start code -> 18-19% now, same session, same
  load.  Counting the rjieba pass the entity step pays as the first token user (12-13% of all layers), the step is
  still ~38-41% of tag: the rest of the 25% goal is the tokenizer's.

- 2026-12-07, issue 18 third round.  Held-out set 5 (heldout5.tsv: zhejiang-2025/2026, henan-2025, hainan-2025,
  beijing-2026, shandong-2025, national-2024, hongkong-2020; 285 entities by the separate labeller), scored once, blind,
  before it was read, with the round's code up to then (quotes kept, Hong Kong gazetteer, ╱-joined areas, line
  extensions, river works, city-group lines, company sites, place lists, abbreviation pairs): P 0.618 R 0.477 (span only
  P 0.723 R 0.558); the round's session-start code on it: P 0.617 R 0.435.  By class (blind): facility P 0.766 R 0.404,
  short_place P 0.364 R 0.545, other P 0.700 R 0.438, line P 0.731 R 0.633, quoted P 0.500 R 0.357.
  Two bench fixes of the same round change how paragraphs are cut, not the annotator: anchors that fall in one block are
  cut at the next anchor (Hong Kong's ——-bullets were scored twice), and a paragraph ending in a colon runs on over its
  list items when its rows stand there (hongkong-2020's numbered paragraphs).  With them the blind run reads P 0.619
  R 0.512 (146/236), the session-start code P 0.606 R 0.463 (132/218).
  Session start -> end of the round (same gold, fixed bench; tp/predicted/gold):
    tuning (entities.tsv)  102/106/119 P 0.962 R 0.857 -> 103/107/119 P 0.963 R 0.866
    rounds 1-6             P 0.893/0.862, 1.000/0.962, 0.929/1.000, 0.882/0.857, 0.850/0.708, 0.893/0.714 ->
                           0.867/0.897, 1.000/0.962, 0.929/1.000, 0.853/0.829, 0.884/0.792, 0.871/0.771
    tuning.tsv             167/172/181 P 0.971 R 0.923 -> 165/173/181 P 0.954 R 0.912
    tuning2.tsv            62/72/104   P 0.861 R 0.596 -> 83/96/104   P 0.865 R 0.798
    tuning3.tsv            26/31/31    P 0.839 R 0.839 -> 27/31/31    P 0.871 R 0.871
    heldout.tsv            51/56/64    P 0.911 R 0.797 -> 51/58/64    P 0.879 R 0.797
    heldout2.tsv           43/47/52    P 0.915 R 0.827 -> 45/50/52    P 0.900 R 0.865
    heldout3.tsv           124/191/250 P 0.649 R 0.496 -> 193/235/250 P 0.821 R 0.772
    heldout5.tsv           132/218/285 P 0.606 R 0.463 -> 190/241/285 P 0.788 R 0.667
    pooled (1285 rows)     872/1076    P 0.810 R 0.679 -> 1028/1182   P 0.870 R 0.800
  By class, pooled, start -> end (P/R): facility 0.819/0.635 -> 0.870/0.743, short_place 0.697/0.697 -> 0.801/0.861,
  other 0.881/0.631 -> 0.903/0.757, line 0.872/0.734 -> 0.944/0.854, place 0.780/0.640 -> 0.874/0.748, policy
  0.818/0.787 -> 0.854/0.875, quoted 0.803/0.690 -> 0.814/0.803, campaign 0.953/0.804 -> 0.956/0.843, org
  0.867/0.684 -> 0.850/0.895, company 0.769/0.526 -> 0.933/0.737.
  Speed (bench/bench_speed.py --only tag, load 8.7 on 2 cores): entities 20% of tag now, 17-25% with the session-start
  code in the same minutes; find_entities process time over five reports within 0-8% of the session start.
  The losses are labelling disagreements between the sets, each followed to the README and the newest labeller:
  places listed before a shared site head typed as the site (杭州、宁波、温州机场: heldout6 and heldout.tsv say place),
  rivers with their works (南渡江防洪治理: round 4 says 南渡江), items of 等 + category lists over the gazetteer's place
  (tuning.tsv and heldout5 label the same shandong-2025 paragraph differently), bare “两重”/“两新” (labelled by sets 3
  and 5 only), abbreviation pairs where they qualify a noun (港深两地: round 1 leaves them out, the README names 闽港).
  Still left, by kind: strategies named by a region and its aim (京津冀协同发展 — set 3 labels the place only, every
  other set the policy), names whose words the segmenter tags as verbs or times (久治, 汉魏, 开封, 港高排), labeller-
  specific list items (临沂费县, 招远一期), descriptive sites with no proper noun (乐高乐园度假区, 碳谷绿湾产业园).

- 2026-12-07, issue 18 fourth round (mainland entities).  Misses pooled over every gold file and grouped by class
  (bench/entity_misses.py), rules written for classes recurring across reports.  Label conflicts between sets decided
  once each and the minority rows aligned (tests/gold/entities/README lists every changed row): a region with its
  strategic aim is a policy (京津冀协同发展), 建设 stays outside (粤港澳大湾区); places before a shared site head and items
  of a 等 + category list are of the head's or category's type; 开放大通道 corridors are projects; a bare quoted
  programme (“两重”项目) is one.
  Round-start code -> end, on the aligned gold (tp/predicted/gold):
    pooled, all            1165/1343/1490 P 0.867 R 0.782 -> 1215/1367/1490 P 0.889 R 0.815
    pooled, mainland       969/1090/1213  P 0.889 R 0.799 -> 1019/1114/1213 P 0.915 R 0.840
    heldout4.tsv           119/161/202    P 0.739 R 0.589 -> 129/169/202    P 0.763 R 0.639
    heldout5.tsv           195/241/285    P 0.809 R 0.684 -> 216/248/285    P 0.871 R 0.758
    heldout3.tsv           197/235/250    P 0.838 R 0.788 -> 205/238/250    P 0.861 R 0.820
    tuning.tsv             168/173/183    P 0.971 R 0.918 -> 172/175/183    P 0.983 R 0.940
  By class, mainland (P/R): campaign 0.961/0.817 -> 0.982/0.917, policy 0.930/0.802 -> 0.981/0.905, facility
  0.902/0.745 -> 0.919/0.793, line 0.955/0.851 -> 0.956/0.885, other 0.914/0.748 -> 0.933/0.796, short_place
  0.786/0.902 -> 0.843/0.907, place 0.875/0.786 -> 0.878/0.806; quoted, org, company unchanged.  No set was blind
  this round (the misses of all were read), so these numbers are not a generalization estimate.  Entity step 22% of
  tag (bench/bench_speed.py --only tag, load 5.9; the round-start code 22% in the same minutes).

Run: ``python bench/evaluate_entities.py [-v] [--issue18] [--heldout]`` (needs ../shared/corpus); ``--issue18``
scores only the issue-18 sets (by class), ``--heldout`` adds their held-out set.  Other layers are scored
by bench/evaluate.py.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT.parent / "shared" / "corpus"
PDFS = ROOT.parent / "shared" / "pdf"


def report_path(file: str, corpus: Path = CORPUS) -> Path:
    """Where a gold row's ``file`` lives: the corpus folder, or beside it the shared PDFs (a gold set may
    label a PDF by its file name, ``hksar-2013-policy-address.pdf``)."""
    path = corpus / file
    return path if path.exists() or not (PDFS / file).exists() else PDFS / file


#: the held-out gold rounds (file prefixes) with how blind each still is; other scripts may import it
HELDOUT_ROUNDS = (("heldout_", "held-out gold (round 1, seen once before later fixes)"),
                  ("heldout2_", "held-out gold (round 2, blind at first run)"),
                  ("heldout3_", "held-out gold (round 3, blind at first run)"),
                  ("heldout4_", "held-out gold (round 4, hainan-2026: blind at first run, its misses fixed by general rules since)"),
                  ("heldout5_", "held-out gold (round 5, sichuan-2026: blind at first run, its misses fixed by general rules since; entities only)"),
                  ("heldout6_", "held-out gold (round 6, blind: zhejiang-2026, never tuned on; entities only)"))


def _squash(s: str) -> str:
    return "".join(s.split())


def read_gold(name: str) -> list[dict]:
    with open(GOLD / name, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")]
    return [{k: (v or "") for k, v in r.items()} for r in rows]


def paragraph_range(report, anchor: str) -> tuple[int, int]:
    """The paragraph of ``report`` that holds ``anchor`` (whitespace-insensitive search)."""
    text = report.text
    i = text.find(anchor)
    if i < 0:
        squashed, pos = [], []
        for k, ch in enumerate(text):
            if not ch.isspace():
                squashed.append(ch)
                pos.append(k)
        j = "".join(squashed).find(_squash(anchor))
        if j < 0:
            raise LookupError(f"anchor not found: {anchor}")
        i = pos[j]
    end = text.find("\n", i)
    end = end if end >= 0 else len(text)
    p = report.block_by_id.get(report.block_id_at(i))
    if p is not None:
        # a run-in heading (（六）奋力推进区域协调发展。…) is a block of its own: its paragraph runs to the line end
        return p.start, max(p.end, end) if p.kind == "heading" else p.end
    return i, end


def _annotated(file: str, cache: dict):
    if file not in cache:
        from annotate.pipeline import annotate, read_report

        cache[file] = annotate(read_report(str(report_path(file))))
    return cache[file]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


#: the issue-18 gold (tests/gold/entities/README): a tuning set and a held-out set scored only at the end
ISSUE18_TUNING = "entities/tuning.tsv"
ISSUE18_HELDOUT = "entities/heldout.tsv"
ISSUE18_HELDOUT2 = "entities/heldout2.tsv"
ISSUE18_TUNING2 = "entities/tuning2.tsv"
ISSUE18_TUNING3 = "entities/tuning3.tsv"
ISSUE18_HELDOUT3 = "entities/heldout3.tsv"
ISSUE18_HELDOUT5 = "entities/heldout5.tsv"
ISSUE18_HELDOUT_ROUND5 = "entities/heldout_round5.tsv"

_LINE_HEADS = ("高铁", "铁路", "高速", "高速公路", "城际", "线", "段", "通道", "班列", "航道", "航线", "直流", "大桥")


def entity_class(text: str, typ: str) -> str:
    """The class of issue 18 an entity belongs to, read off its text and type, so gold rows and predictions
    are binned alike: title, quoted, campaign, line, company, short_place, place, facility, other."""
    if text.startswith("《"):
        return "title"
    if "“" in text:
        return "quoted"
    if typ == "programme" and text.endswith(("行动", "工程", "计划", "行动计划")):
        return "campaign"
    if typ == "project" and (text.endswith(_LINE_HEADS) or "至" in text or "-" in text or "—" in text):
        return "line"
    if typ == "org":
        return "company" if not text.endswith(("局", "委", "委员会", "政府", "院", "所", "大学", "学院", "署", "办公室",
                                               "部", "会", "联盟", "中心", "法院")) else "org"
    if typ == "place":
        return "short_place" if len(text) <= 3 else "place"
    if typ in ("facility", "policy"):
        return typ
    return "other"


def _anchor_ranges(by_para: dict, cache: dict) -> dict:
    """``(file, anchor) -> (start, end)``: each anchor's paragraph (:func:`paragraph_range`), cut where a later
    anchor of the same file begins inside it.  A labeller may take two runs of one block as two paragraphs (Hong
    Kong's ——-bullets: 占地最广，享有罗湖… and 包括红花岭… are one block); without the cut the block's entities were
    scored against both anchors' rows, every one of them counted twice."""
    out = {}
    for file in dict.fromkeys(f for f, _ in by_para):
        report = _annotated(file, cache)
        found = {anchor: _with_list(report, *paragraph_range(report, anchor), by_para[file, anchor])
                 for f, anchor in by_para if f == file}
        starts = {anchor: _anchor_start(report.text, anchor, a) for anchor, (a, _) in found.items()}
        for anchor, (a, b) in found.items():
            later = [x for x in starts.values() if starts[anchor] < x < b]
            out[file, anchor] = (a, min(later, default=b))
    return out


def _with_list(report, a: int, b: int, rows: list[dict]) -> tuple[int, int]:
    """``(a, b)`` run on over the list items that a paragraph ending in a colon introduces (Hong Kong: 49.…多项建议：
    then three items) when the labeller read the numbered paragraph with its items as one: some of the anchor's rows
    stand in the items only (labellers differ: set 3's took each item as a paragraph of its own)."""
    inside = _squash(report.text[a:b])
    if not report.text[a:b].rstrip().endswith(("：", ":")) or all(_squash(r["text"]) in inside for r in rows):
        return a, b
    end = b
    for blk in report.blocks:
        if blk.kind == "item" and blk.start > end and not report.text[end : blk.start].strip():
            end = blk.end
    return a, end


def _anchor_start(text: str, anchor: str, block_start: int) -> int:
    """Where ``anchor`` begins at or after ``block_start`` (the block start when it is written with other
    whitespace)."""
    i = text.find(anchor, block_start)
    return i if i >= 0 else block_start


def evaluate_entities(cache: dict | None = None, verbose: bool = False, gold_file: str = "entities.tsv") -> dict:
    """Entity precision/recall (typed and span-only) over the gold paragraphs, overall and by class
    (``by_class``: class -> [true positives, predicted, gold], see :func:`entity_class`)."""
    cache = {} if cache is None else cache
    gold = read_gold(gold_file)
    by_para: dict[tuple[str, str], list[dict]] = {}
    for r in gold:
        by_para.setdefault((r["file"], r["anchor"]), []).append(r)
    tp = tp_span = n_pred = n_gold = 0
    by_class: dict[str, list[int]] = {}
    ranges = _anchor_ranges(by_para, cache)
    for (file, anchor), rows in by_para.items():
        report = _annotated(file, cache)
        a, b = ranges[file, anchor]
        pred = [(_squash(e.text), e.type) for e in report.entities if a <= e.start < b]
        want = [(_squash(r["text"]), r["type"]) for r in rows if r["text"]]
        pc, wc = Counter(pred), Counter(want)
        tp += sum((pc & wc).values())
        for bag, slot in ((pc & wc, 0), (pc, 1), (wc, 2)):
            for (t, ty), n in bag.items():
                by_class.setdefault(entity_class(t, ty), [0, 0, 0])[slot] += n
        tp_span += sum((Counter(t for t, _ in pred) & Counter(t for t, _ in want)).values())
        n_pred += len(pred)
        n_gold += len(want)
        if verbose:
            for item in (pc - wc).elements():
                print(f"  FP entity {file} {item}")
            for item in (wc - pc).elements():
                print(f"  FN entity {file} {item}")
    p, r, f = _prf(tp, n_pred, n_gold)
    ps, rs, fs = _prf(tp_span, n_pred, n_gold)
    return {"gold": n_gold, "predicted": n_pred, "precision": p, "recall": r, "f1": f,
            "span_precision": ps, "span_recall": rs, "by_class": by_class}


def evaluate_commitments(cache: dict | None = None, verbose: bool = False, gold_file: str = "commitments.tsv") -> dict:
    """Commitment precision/recall (verb + clause text) and strength/deadline accuracy.

    The matching is ``evaluate_commitments.evaluate`` (one implementation for every commitment gold
    file); this keeps the entity script's result shape."""
    import evaluate_commitments as c_eval

    cache = {} if cache is None else cache
    if not (GOLD / gold_file).is_file():  # a round may hold entity gold only (round 5): it scores nothing
        return {"gold": 0, "predicted": 0, "precision": 1.0, "recall": 1.0, "f1": 0.0,
                "strength_accuracy": 1.0, "deadline_accuracy": 1.0}
    r = c_eval.evaluate(gold_file, cache, verbose)
    o = r["overall"]
    p, rec, f = _prf(o["tp"], o["predicted"], o["gold"])
    return {"gold": o["gold"], "predicted": o["predicted"], "precision": p, "recall": rec, "f1": f,
            "strength_accuracy": r["strength_accuracy"], "deadline_accuracy": r["deadline_accuracy"]}


def main(argv: list[str]) -> int:
    if not CORPUS.is_dir():
        print("../shared/corpus is absent", file=sys.stderr)
        return 1
    verbose = "-v" in argv
    cache: dict = {}
    # issue 18: the held-out set is scored only with --heldout (at the end of a piece of work), so it stays blind
    sets = [(ISSUE18_TUNING, "issue-18 tuning gold (tests/gold/entities/tuning.tsv)"),
            (ISSUE18_TUNING2, "issue-18 tuning gold, set 2 (tests/gold/entities/tuning2.tsv; labelled blind, then tuned on)"),
            (ISSUE18_TUNING3, "issue-18 tuning gold, set 3 (tests/gold/entities/tuning3.tsv; labelled blind after set 2's fixes)")]
    if "--heldout" in argv:
        sets.append((ISSUE18_HELDOUT, "issue-18 held-out gold, set 1 (tests/gold/entities/heldout.tsv; its errors read at the end)"))
        sets.append((ISSUE18_HELDOUT2, "issue-18 held-out gold, set 2 (tests/gold/entities/heldout2.tsv; read)"))
        sets.append((ISSUE18_HELDOUT3, "issue-18 held-out gold, set 3 (tests/gold/entities/heldout3.tsv; blind score "
                                       "P 0.649 R 0.496 on 2026-12-07, its errors read since)"))
        sets.append((ISSUE18_HELDOUT5, "issue-18 held-out gold, set 5 (tests/gold/entities/heldout5.tsv; blind score "
                                       "P 0.618 R 0.477 on 2026-12-07, its errors read since)"))
        sets.append((ISSUE18_HELDOUT_ROUND5, "issue-18 held-out gold of round 5 (tests/gold/entities/heldout_round5.tsv; "
                                             "blind P 0.631 R 0.498 at the round's start, P 0.673 R 0.541 at its end)"))
    for name, label in sets:
        print(label)
        e = evaluate_entities(cache, verbose, name)
        _print(e, None, commitments=False)
        _print_classes(e["by_class"])
    if "--issue18" in argv:
        return 0
    for prefix, label in (("", "tuning gold"),) + HELDOUT_ROUNDS:
        print(label)
        has_commitments = (GOLD / (prefix + "commitments.tsv")).is_file()
        _print(evaluate_entities(cache, verbose, prefix + "entities.tsv"),
               evaluate_commitments(cache, verbose, prefix + "commitments.tsv") if has_commitments else None)
    print(timing())
    return 0


def timing(runs: int = 15) -> str:
    """Median in-process time of the entity and commitment annotators on the seed (after warm-up)."""
    import statistics
    import time

    from annotate.annotators.commitments import annotate_commitments
    from annotate.annotators.entities import annotate_entities
    from annotate.pipeline import annotate, read_report

    seed = str(CORPUS / "tongzhou-2021-plan-report.md")
    annotate(read_report(seed))  # warm-up: rjieba dictionary, lexicon, OpenCC
    ent, com = [], []
    for _ in range(runs):
        r = read_report(seed)
        t0 = time.perf_counter()
        r = annotate_entities(r)
        t1 = time.perf_counter()
        annotate_commitments(r)
        ent.append(t1 - t0)
        com.append(time.perf_counter() - t1)
    return (f"seed speed (median of {runs}): entities {1000 * statistics.median(ent):.1f} ms, "
            f"commitments {1000 * statistics.median(com):.1f} ms")


def _print_classes(by_class: dict) -> None:
    for cls in sorted(by_class):
        tp, n_pred, n_gold = by_class[cls]
        p, r, _ = _prf(tp, n_pred, n_gold)
        print(f"    {cls:<12} gold {n_gold:3d}  predicted {n_pred:3d}  P {p:.3f}  R {r:.3f}")


def _print(e: dict, c: dict | None, commitments: bool = True) -> None:
    print(f"entities     gold {e['gold']:4d}  predicted {e['predicted']:4d}  P {e['precision']:.3f}  R {e['recall']:.3f}  "
          f"F1 {e['f1']:.3f}  (span only: P {e['span_precision']:.3f}  R {e['span_recall']:.3f})")
    if c is None:
        if commitments:
            print("commitments  (no gold for this round)")
        return
    print(f"commitments  gold {c['gold']:4d}  predicted {c['predicted']:4d}  P {c['precision']:.3f}  R {c['recall']:.3f}  "
          f"F1 {c['f1']:.3f}  strength acc {c['strength_accuracy']:.3f}  deadline acc {c['deadline_accuracy']:.3f}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
