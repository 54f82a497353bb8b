"""The Japanese catalogue of the report and its charts (i18n.py): English text -> 日本語.

Keys are the English texts exactly as the code passes them to ``tr``; a translation keeps
their ``{fields}``. Terms follow the seeds and the field: 基幹相談支援センター, 協議会,
重層的支援体制整備事業, 年度 for the fiscal year (April to March), 試行 for a replicate
(a simulated future), 基準シナリオ for the baseline, ポイント for percentage points.
tests/python/test_report_i18n.py checks that every key the code uses is here, with the same
fields, and that the Japanese report shows no English outside data."""

JA = {
    ': ':
        '：',
    '. ':
        '。',
    'Cases waiting (on the record date)':
        '待機中のケース（記録日時点）',
    'cases, all municipalities':
        'ケース数（全市町村）',
    'cases lost in the month before the record':
        '記録日までの1か月に失われたケース',
    'People lost: dropped at a hand-over or gave up waiting':
        '失われた人：引き継ぎでの脱落、または待機中の離脱',
    'cases that left, mean per replicate':
        '離れたケース、試行あたり平均',
    'totals over the run, no case log in the file':
        '実行全体の合計（ファイルにケースログなし）',
    'Where cases go ({what})':
        'ケースの行き先（{what}）',
    'no agency had a queue':
        '待機列のある機関はなし',
    'Mean wait of cases that started in the month':
        'その月に支援が始まったケースの平均待機日数',
    'days':
        '日',
    '{title}: mean and {width}% band over replicates':
        '{title}：試行の平均と{width}%帯',
    '{title}: difference from the baseline (mean and 95% interval)':
        '{title}：基準シナリオとの差（平均と95%区間）',
    ', the {shown} least likely of {total}':
        '、{total}市町村のうち見込みの低い{shown}市町村',
    '基幹 stage by municipality (median of {n} replicates{shown}); ★ = at risk of missing {by}':
        '市町村別の基幹の段階（{n}試行の中央値{shown}）；★ = {by}までに未設置のおそれ',
    'target {date}':
        '目標 {date}',
    'percentage points':
        'ポイント',
    'difference':
        '差',
    '{count} advisers, {hours} hours a month each, deployed by {strategy}':
        'アドバイザー{count}人、各月{hours}時間、派遣方針 {strategy}',
    'The bands differ in what they cover: {drawn} drew the fitted parameters for each simulated future (chance and parameters); the others cover chance only.':
        '帯の範囲はシナリオにより異なる：{drawn}は試行ごとに推定パラメータを抽出（偶然とパラメータ）、その他は偶然のみ。',
    'P(every municipality by the date)':
        '期日までに全市町村設置の確率',
    'change from the baseline (percentage points, 95% interval)':
        '基準シナリオからの変化（ポイント、95%区間）',
    'scenario':
        'シナリオ',
    'idle hours':
        '待機時間',
    'kind':
        '区分',
    '{variant} minus {base}':
        '{variant} − {base}',
    'The band covers chance only: every simulated future uses the same fitted parameter values, so the uncertainty of those values is not in it.':
        '帯は偶然のみを表す：どの試行も同じ推定パラメータ値を使うため、その値の不確かさは含まれない。',
    'The band covers chance and parameters: each simulated future drew its own values of the fitted parameters from the calibration (tsunagi run --parameters).':
        '帯は偶然とパラメータを表す：各試行が較正結果から推定パラメータの値を抽出した（tsunagi run --parameters）。',
    '{change} (one run: no interval)':
        '{change}（試行1回のみ：区間なし）',
    '±0 (the same in every paired future)':
        '±0（対応するすべての試行で同じ）',
    "each run's last record date (in the table)":
        '各実行の最終記録日（表を参照）',
    'date':
        '日付',
    'coverage (mean %)':
        '設置率（平均 %）',
    'each scenario':
        '各シナリオ',
    'available':
        '利用可能',
    'support':
        '支援',
    'travel':
        '移動',
    'meetings':
        '会議',
    'idle':
        '待機',
    'need':
        '必要',
    'need unmet':
        '未充足の必要',
    'code':
        'コード',
    'parameter':
        'パラメータ',
    'setting':
        '設定',
    'value':
        '値',
    'documented default':
        '文書上の既定値',
    'from':
        '由来',
    'source of the default':
        '既定値の出典',
    '; from {date} {strategy} with {n} advisers':
        '；{date}から{strategy}、アドバイザー{n}人',
    '; from {date} {strategy}':
        '；{date}から{strategy}',
    "tsunagi simulates how municipalities build the support system for people with disabilities ({institutions}) and how the prefecture's advisers help them. Each scenario was run many times with different chance events (staff changes, budget decisions, who asks for help); the spread over these runs is the uncertainty shown below.":
        'tsunagi は、市町村が障害のある人の相談支援体制（{institutions}）を整える過程と、都道府県のアドバイザーによる支援をシミュレーションします。各シナリオは偶然の出来事（職員の異動、予算の判断、誰が相談に来るか）を変えて何度も実行しており、その実行間のばらつきが以下に示す不確かさです。',
    ' and {n} more':
        ' ほか{n}市町村',
    '(one run only: no interval)':
        '（試行1回のみ：区間なし）',
    ', ':
        '、',
    'coverage of 基幹 over time':
        '基幹の設置率の推移',
    'coverage of 基幹 on the target date and at the end':
        '目標期日と実行終了時の基幹の設置率',
    'adviser hours by activity, each scenario':
        '活動別のアドバイザー時間（シナリオ別）',
    "The advisers' hours in each fiscal year (April to March; FY24 is 2024-04 to 2025-03), by what they were spent on, for {every}, on one scale (mean over the simulated futures; only fiscal years the run covers in full). Grey is time not booked: advisers were available but no municipality was visited.":
        '各年度（4月〜翌3月；24は2024年4月〜2025年3月の年度）のアドバイザー時間を用途別に示す（{every}、共通の目盛り、試行の平均、全期間を含む年度のみ）。灰色は予約されなかった時間：アドバイザーは稼働可能だったが、どの市町村も訪問しなかった。',
    'adviser utilisation':
        'アドバイザーの稼働率',
    "Share of the advisers' available hours that were booked, per fiscal year (line: average; band: 9 of 10 simulated futures). It falls as municipalities finish setting up their centres and need less help.":
        'アドバイザーの稼働可能時間のうち予約された割合（年度別；線：平均、帯：試行10回のうち9回）。市町村がセンターの設置を終え、支援の必要が減るにつれて下がる。',
    'idle: {reason}':
        '待機：{reason}',
    'share of futures never visited':
        '一度も訪問されなかった試行の割合',
    'need (h)':
        '必要（時間）',
    'need unmet (h)':
        '未充足の必要（時間）',
    'idle adviser hours by reason':
        '理由別のアドバイザー待機時間',
    "Why the advisers' idle hours were idle, as a share of them over the whole run, for each scenario. <b>No need left</b>: every municipality the adviser may serve had its month's need met, or had nothing advisers could help with. <b>At the limit</b>: those with need left already had the most engagements a month allows. <b>Cannot fit</b>: the hours left were too few for a visit there, travel included. <b>Not booked</b>: a visit was possible but the strategy did not make it (e.g. nobody applied). More advisers buy nothing where the idle time is for no need or at the limit.":
        'アドバイザーの待機時間が何のためだったかを、実行全体の待機時間に対する割合でシナリオ別に示す。<b>必要なし</b>：担当しうるすべての市町村でその月の必要が満たされたか、アドバイザーが手伝えることがなかった。<b>上限</b>：必要の残る市町村は、すでに月あたりの上限まで関与を受けていた。<b>収まらない</b>：残り時間が移動を含む訪問に足りなかった。<b>予約なし</b>：訪問は可能だったが派遣方針により行われなかった（例：申請がなかった）。待機が「必要なし」や「上限」によるものである限り、アドバイザーを増やしても効果はない。',
    'Households waiting on {target}, by agency':
        '{target}時点の機関別の待機世帯数',
    "Of them, waiting longer than the scenario's long_wait_days (90 by default)":
        'うち、シナリオの long_wait_days（既定90日）を超えて待機',
    'How cases left in FY{fy} (April {fy} to March {next})':
        '{fy}年度（{fy}年4月〜{next}年3月）のケースの終わり方',
    'cases lost':
        '失われたケース',
    'Households lost each month: dropped between agencies at a hand-over, or gave up waiting (line: average; band: 9 of 10 simulated futures).':
        '各月に失われた世帯：機関間の引き継ぎで脱落、または待機中に離脱（線：平均、帯：試行10回のうち9回）。',
    'lost per new case':
        '新規ケースあたりの喪失',
    'fiscal year':
        '年度',
    '{output} against each parameter':
        '{output}と各パラメータ',
    '{what} at each design point (average over replicates) against the value of each parameter. A clear trend means the parameter matters.':
        '各設計点での{what}（反復の平均）を各パラメータの値に対して示す。はっきりした傾向があれば、そのパラメータは効いている。',
    'This report in {language}':
        'この報告書の{language}版',
    'The answer in brief':
        '結論の要約',
    '(the same in every paired future: the change does not reach this date)':
        '（対応するすべての試行で同じ：変化はこの期日まで及ばない）',
    '(95% interval {lower} to {upper})':
        '（95%区間 {lower}〜{upper}）',
    'Coverage over time':
        '設置率の推移',
    'Share of municipalities with a 基幹相談支援センター, month by month ({names}). The line is the average over the simulated futures; the shaded band holds 9 of 10 of them (5% to 95%). The dashed line is the national target date, {target}. ':
        '基幹相談支援センターを設置した市町村の割合の月次推移（{names}）。線は試行の平均、帯は試行10回のうち9回（5%〜95%）を含む。破線は国の目標期日 {target}。',
    'difference in coverage':
        '設置率の差',
    'How much each compared strategy changes the share of municipalities with a 基幹, in percentage points, against the baseline. Each simulated future is compared with its twin under the baseline (same chance events), so the band (95% interval of the average) shows how sure the difference is. Below zero: fewer municipalities covered than under the baseline.':
        '比較する各方針が、基幹を設置した市町村の割合を基準シナリオに比べて何ポイント変えるか。各試行を基準シナリオ上の対になる試行（同じ偶然の出来事）と比べるため、帯（平均の95%区間）が差の確かさを示す。0より下：基準シナリオより設置市町村が少ない。',
    'On the target date and at the end of the run':
        '目標期日と実行終了時',
    ': the dot is the average over the simulated futures, the bar holds 9 of 10 of them (5% to 95%); P(all) is the share of futures in which every municipality has one by that date. A centre budgeted for the next fiscal year opens on 1 April, after 31 March.':
        '：点は試行の平均、棒は試行10回のうち9回（5%〜95%）を含む。P(all) はその期日までに全市町村が設置した試行の割合。翌年度予算で整備されるセンターは3月31日の後、4月1日に開設される。',
    'By prefecture':
        '都道府県別',
    'Adviser hours by activity over the complete fiscal years of the run (mean over the simulated futures):':
        '全期間を含む年度についての活動別アドバイザー時間（試行の平均）：',
    "Where the advisers' time goes":
        'アドバイザーの時間の使われ方',
    'adviser hours by municipality':
        '市町村別のアドバイザー時間',
    '<b>{run}</b>: adviser hours spent on each municipality over the whole period (support, council meetings and travel).':
        '<b>{run}</b>：全期間に各市町村に費やしたアドバイザー時間（支援、協議会、移動）。',
    '<b>Hour accounting</b> over the whole run (hours, mean over the simulated futures). <i>Need</i> is what the municipalities could use by their stages (advisers.need_hours); <i>need unmet</i> is the part no engagement met. More advisers help only where need is unmet while no hours are idle for it; where idle hours have <i>no need left</i>, extra advisers buy nothing; where they are <i>not booked</i>, the strategy (e.g. waiting to be asked), not the number of advisers, is what limits; where they are <i>bound to their region</i>, the need is in other regions: where advisers are placed, or whether they may be dispatched beyond their region, matters more than how many there are.':
        '<b>時間の収支</b>（実行全体、時間、試行の平均）。<i>必要</i>は市町村が段階に応じて活用しうる時間（advisers.need_hours）、<i>未充足の必要</i>はどの関与でも満たされなかった部分。アドバイザーの増員が効くのは、必要が満たされずに残り、しかもそのための待機時間がない場合に限られる。待機時間が<i>必要なし</i>なら増員は何も生まない。<i>予約なし</i>なら、制約は人数ではなく派遣方針（例：依頼を待つ）にある。<i>担当地域に限定</i>なら必要は他の地域にあり、人数よりも配置場所や地域を越えた派遣の可否が重要になる。',
    'Idle adviser hours by reason over the whole run (share of the idle hours; idle hours: mean over the simulated futures):':
        '理由別のアドバイザー待機時間（実行全体；待機時間に対する割合、待機時間は試行の平均）：',
    ' in {place}':
        '（{place}）',
    "No waiting list keeps growing: over the last two years of every run, each agency's queue stays around its level.":
        '増え続ける待機列はない：どの実行でも最後の2年間、各機関の待機列はほぼ一定の水準にとどまる。',
    "People's cases: waiting, lost, and where they go":
        '人々のケース：待機、喪失、行き先',
    'cases waiting':
        '待機中のケース',
    '<b>{run}</b>: households waiting at each agency (left) and how long those who started being helped had waited (right).':
        '<b>{run}</b>：各機関で待機している世帯（左）と、支援が始まった人の待機日数（右）。',
    'where cases go':
        'ケースの行き先',
    "<b>{run}</b>: where households' cases go, from their main need (left) to the agency they left from (middle) and how they left (right). Red bands are people lost.":
        '<b>{run}</b>：世帯のケースが主な必要（左）から、最後に離れた機関（中央）、終わり方（右）へと流れる様子。赤い帯は失われた人。',
    'What drives the results (sensitivity)':
        '結果を左右するもの（感度分析）',
    '{series} on {date}':
        '{date}の{series}',
    'Sobol indices of {output}':
        '{output}のSobol指数',
    '{what}: how much of its variation each parameter explains on its own (first-order index) and with its interactions (total index), with 95% intervals. Larger = matters more.':
        '{what}：各パラメータが単独で（一次指数）、また交互作用を含めて（総合指数）そのばらつきをどれだけ説明するか（95%区間付き）。大きいほど重要。',
    'Morris screening of {output}':
        '{output}のMorrisスクリーニング',
    '{what}: average size of the effect of changing each parameter (μ*) against how much that effect depends on the others (σ). Parameters to the right matter most.':
        '{what}：各パラメータを動かしたときの効果の平均的な大きさ（μ*）と、その効果が他のパラメータにどれだけ依存するか（σ）。右にあるパラメータほど重要。',
    '.':
        '。',
    'Every number in the model comes from the seed documents, public statistics, a fit to observed counts, or is an assumption that can be varied. The main ones:':
        'モデルの数値はすべて、シード文書、公的統計、観測された件数への当てはめのいずれかに由来するか、変えることのできる仮定である。主なもの：',
    'file':
        'ファイル',
    'type':
        '種類',
    'seed':
        'シード',
    'replicates':
        '試行数',
    'created':
        '作成日時',
    'The files this report was made from; each holds its full scenario and seed, so the results can be reproduced. Report made {made}.':
        'この報告書の元になったファイル。各ファイルにシナリオ全体とシードが保存されているため、結果を再現できる。報告書作成 {made}。',
    'tsunagi report: {names}':
        'tsunagi 報告書：{names}',
    'a parameter sweep, {n} points ({design} design) over {k} parameters.':
        'パラメータスイープ、{n}点（{design}計画）、パラメータ{k}個。',
    'What was simulated':
        'シミュレーションの内容',
    'The runs cover {start} to {end}, so the national target date {target} is outside them: no probability of meeting it can be given.':
        '実行期間は{start}〜{end}で、国の目標期日 {target} を含まないため、達成確率は示せない。',
    '{named}: by {target} (the national target: a 基幹相談支援センター in every municipality), on average <b>{mean:.0f}%</b> of the {m} municipalities have one (in 9 of 10 simulated futures between {p05:.0f}% and {p95:.0f}%). Probability that <b>every</b> municipality has one: <b>{p:.0%}</b> ({k} of {n} runs).':
        '{named}：{target}まで（国の目標：すべての市町村に基幹相談支援センター）に、{m}市町村のうち平均<b>{mean:.0f}%</b>が設置（試行10回のうち9回は{p05:.0f}%〜{p95:.0f}%）。<b>すべての</b>市町村が設置する確率：<b>{p:.0%}</b>（{n}回中{k}回）。',
    'At risk of missing the target under {base} (a 基幹 by {target} in fewer than {threshold:.0%} of the runs; the chance in brackets): {names}{more}.':
        '{base}のもとで目標を達成できないおそれ（{target}までに基幹を設置する試行が{threshold:.0%}未満；括弧内は確率）：{names}{more}。',
    'No municipality is at risk under {base}: each has a 基幹 by {target} in at least {threshold:.0%} of the runs.':
        '{base}のもとで達成できないおそれのある市町村はない：どの市町村も試行の{threshold:.0%}以上で{target}までに基幹を設置する。',
    '{difference}: coverage on {target} changes by <b>{change} percentage points</b> {interval}, comparing the same simulated futures.':
        '{difference}：{target}の設置率は<b>{change}ポイント</b>変化{interval}（同じ試行どうしの比較）。',
    '基幹 stages of {run}':
        '{run}の基幹の段階',
    '<b>{run}</b>: where each municipality stands on its way to a 基幹, month by month (the typical run: median stage). Green: a 基幹 exists. Names marked ★ in red are at risk of missing {target}.':
        '<b>{run}</b>：各市町村の基幹設置に向けた段階の月次推移（典型的な試行：段階の中央値）。緑：基幹あり。赤字で★の付いた市町村は{target}までに未設置のおそれがある。',
    'Share of municipalities with a 基幹相談支援センター on the national target date, {target} (left), and at the end of the run, {end} (right)':
        '基幹相談支援センターを設置した市町村の割合：国の目標期日 {target}（左）と実行終了時 {end}（右）',
    'Share of municipalities with a 基幹相談支援センター at the end of the run, {end}':
        '基幹相談支援センターを設置した市町村の割合：実行終了時 {end}',
    '{date} (the target)':
        '{date}（目標期日）',
    '{date} (end of the run)':
        '{date}（実行終了時）',
    'Coverage of 基幹相談支援センター (percent of municipalities, over the simulated futures) on each date:':
        '各期日の基幹相談支援センター設置率（市町村の割合、試行全体）：',
    'at the end of the run':
        '実行終了時',
    '基幹 by prefecture on {date}: {run}':
        '{date}の都道府県別の基幹：{run}',
    '<b>{run}</b>, {what} ({date}): each tile is a prefecture, placed as on the usual tile map of Japan (a tile is not an area). Its colour and first percentage: the share of its municipalities with a 基幹相談支援センター (mean over the simulated futures); P: the share of futures in which every one of its municipalities has one by {date}. Grey: not in this run.':
        '<b>{run}</b>、{what}（{date}）：各タイルは都道府県で、一般的な日本のタイル地図の配置による（面積は表さない）。色と最初の割合：基幹相談支援センターを設置した市町村の割合（試行の平均）。P：{date}までに域内のすべての市町村が設置した試行の割合。灰色：この実行に含まれない。',
    '{n} more scenarios span several prefectures; their maps are left out.':
        'ほかに{n}シナリオが複数の都道府県にまたがる。その地図は省略。',
    'municipality':
        '市町村',
    'reason':
        '理由',
    '<b>{run}</b>: municipalities no adviser visited over the whole run in at least half of the simulated futures, and why:':
        '<b>{run}</b>：試行の半数以上で、実行全体を通じてどのアドバイザーも訪問しなかった市町村とその理由：',
    '{run}: change':
        '{run}：変化',
    'Each change is the compared scenario minus <b>{base}</b>, future by future (common random numbers), with its 95% interval.':
        '各変化は比較シナリオ − <b>{base}</b>を試行ごとに求めたもの（共通乱数）で、95%区間を付す。',
    '<b>Queues that keep growing.</b> These waiting lists were still growing over the last two years of the run (least-squares trend of the average, at least 5 households a year and a quarter of the level): arrivals exceed what the agency or the case conference can take, and the households in them are neither helped nor counted as lost. More workers, a larger conference capacity or a hub are what a scenario can try (docs/output.md, Unstable queues).':
        '<b>増え続ける待機列。</b>これらの待機列は実行の最後の2年間も増え続けた（平均の最小二乗傾向、年5世帯以上かつ水準の4分の1以上）。到着が機関または支援会議の受け入れ能力を上回っており、その世帯は支援も受けず、喪失としても数えられていない。シナリオで試せるのは職員の増員、支援会議の容量の拡大、または拠点（ハブ）の設置である（docs/output.md §Unstable queues）。',
    'lower':
        '下限',
    'upper':
        '上限',
    'Sensitivity indices could not be computed for {output}: {error}':
        '{output}の感度指数を計算できなかった：{error}',
    'The sources are quoted from docs/parameters.md as written.':
        '出典は英語の文書 docs/parameters.md の記載のまま引用している。',
    'Every documented setting is at its default.':
        '文書化された設定はすべて既定値のまま。',
    "{n} settings of {run} have no row in docs/parameters.md's tables (their values are in the full scenario below): {names}.":
        '{run}の{n}個の設定は docs/parameters.md の表に行がない（値は下の全シナリオにある）：{names}。',
    'PLACEHOLDER (not known): {why}':
        '仮置き値（不明）：{why}',
    "Each scenario's full settings (TOML) are in the HTML edition of this report, and in its result file.":
        '各シナリオの全設定（TOML）は、この報告書のHTML版と結果ファイルに収められている。',
    'Simulated projections of the support system for people with disabilities (障害者の相談支援体制). Not a forecast of what will happen: what could happen under the stated assumptions.':
        '障害者の相談支援体制のシミュレーションによる見通し。起きることの予測ではなく、示した仮定のもとで起こりうること。',
    '{run} was run with a different seed or different replicates from the baseline, so its futures cannot be paired: compare the charts side by side.':
        '{run}は基準シナリオとシードまたは試行が異なるため、試行を対にできない：グラフを並べて比較してほしい。',
    'on the national target date':
        '国の目標期日時点',
    '{agency}{where}, +{growth:,.0f} households a year, {waiting:,.0f} waiting at the end':
        '{agency}{where}：年+{growth:,.0f}世帯、終了時の待機{waiting:,.0f}世帯',
    'lost at a hand-over':
        '引き継ぎで脱落',
    'gave up waiting':
        '待機中に離脱',
    'new cases':
        '新規ケース',
    '{n} points, {design} design, {failed} failed. Parameters varied:':
        '{n}点、{design}計画、失敗{failed}点。変化させたパラメータ：',
    '{n} points, {design} design. Parameters varied:':
        '{n}点、{design}計画。変化させたパラメータ：',
    '{n} settings documented in docs/parameters.md: {set} set by the scenario or an override, {defaults} at their documented default ({fitted} fitted to observed counts, {source} from the seeds or public figures, {assumed} assumed), {placeholders} placeholders':
        'docs/parameters.md に記載された設定{n}個：シナリオまたは上書き指定によるもの{set}個、文書上の既定値のもの{defaults}個（観測件数への当てはめ{fitted}個、シード文書または公的数値{source}個、仮定{assumed}個）、仮置き値{placeholders}個',
    ', {n} whose default is written in words':
        '、既定値が文章で書かれたもの{n}個',
    'The {n} defaults {run} uses, and what each rests on':
        '{run}が使う既定値{n}個と、それぞれの根拠',
    'Assumptions and their sources':
        '仮定とその出典',
    'source':
        '出典',
    '{run} has {n} simulated futures: probabilities are rough (standard error up to {se:.0%}; docs/parameters.md §Run settings recommends 100 or more).':
        '{run}の試行は{n}回：確率は粗い（標準誤差は最大{se:.0%}；docs/parameters.md §Run settings は100回以上を推奨）。',
    'Full scenario of {run} (every value used, as TOML; runs again to the same results)':
        '{run}の全シナリオ（使用したすべての値、TOML形式；再実行すると同じ結果になる）',
    'Provenance':
        '来歴',
    '{m} municipalities, {start} to {end}, {n} replicates (simulated futures with different chance events).':
        '{m}市町村、{start}〜{end}、試行{n}回（偶然の出来事が異なるシミュレーション上の将来）。',
    "Has case flows (households' cases moving between agencies).":
        'ケースの流れを含む（世帯のケースが機関の間を移る）。',
    'Settings of {run}':
        '{run}の設定',
    '<b>{run} rests on {n} placeholders</b>: values its author did not know, written so that it runs ([[scenario.placeholder]] in the scenario; docs/scenarios.md). Its results are only as good as these guesses:':
        '<b>{run}は{n}個の仮置き値に依存している</b>：作成者が知らなかった値で、実行できるように書かれたもの（シナリオの [[scenario.placeholder]]；docs/scenarios.md）。結果の確かさはこれらの推測の確かさを超えない：',
    'value used, and why':
        '使った値とその理由',
    'Adviser hours by activity, each scenario (mean over replicates)':
        '活動別のアドバイザー時間（シナリオ別、試行の平均）',
    'on the target date, {date}':
        '目標期日 {date}',
    '% of municipalities with a 基幹 (dot: mean; bar: 9 of 10 futures)':
        '基幹を設置した市町村の%（点：平均、棒：試行10回のうち9回）',
    'fiscal year (FY20..)':
        '年度（20..年度）',
    'hours per fiscal year':
        '年度あたりの時間',
    'at the end of the run, {date}':
        '実行終了時 {date}',
    "at the end of the run, each run's last record":
        '実行終了時（各実行の最終記録日）',
    'P(all) {p:.0%}':
        'P(all) {p:.0%}',
    '% of municipalities with a 基幹 on {date} (mean over replicates)':
        '{date}に基幹を設置した市町村の%（試行の平均）',
    '基幹 by prefecture on {date}: coverage, and P = probability that every municipality has one':
        '{date}の都道府県別の基幹：設置率と、P = すべての市町村が設置する確率',
    'P {p:.0%}':
        'P {p:.0%}',
    'share of output variance':
        '出力の分散に占める割合',
    'mu*: mean |effect| of moving the parameter over its range':
        'mu*：パラメータを範囲全体で動かしたときの効果の絶対値の平均',
    'sigma: spread of the effects':
        'sigma：効果のばらつき',
    'parameter (whiskers: interval of mu*)':
        'パラメータ（ひげ：mu*の区間）',
    'sigma = mu*':
        'sigma = mu*',
    'Morris screening':
        'Morrisスクリーニング',
    'Sobol indices':
        'Sobol指数',
    ' (whiskers: {conf:.0%} bootstrap interval)':
        '（ひげ：{conf:.0%}ブートストラップ区間）',
    '% of idle adviser hours over the whole run (mean over replicates)':
        'アドバイザー待機時間の割合（実行全体、%、試行の平均）',
    'Why advisers are idle':
        'アドバイザーが待機した理由',
    'hours per fiscal year (mean over replicates)':
        '年度あたりの時間（試行の平均）',
    'Adviser hours by activity':
        '活動別のアドバイザー時間',
    'hours over the whole run (mean over replicates)':
        '実行全体の時間（試行の平均）',
    'Adviser hours by municipality':
        '市町村別のアドバイザー時間',
    '% of available hours booked':
        '稼働可能時間のうち予約された割合（%）',
    'Adviser utilisation':
        'アドバイザーの稼働率',
    'FY{year}':
        '{year}年度',
    'visits (support)':
        '訪問（支援）',
    'council meetings (協議会)':
        '協議会',
    'online meetings':
        'オンライン会議',
    'group events':
        '集合研修・イベント',
    "advisers' liaison meetings":
        'アドバイザー連絡会議',
    'not booked':
        '予約なし',
    'no need left (need met, or nothing to do)':
        '必要なし（必要が満たされた、またはすることがない）',
    'those with need at the monthly limit':
        '必要のある市町村が月の上限に達していた',
    'cannot fit (too few hours left for the trip)':
        '収まらない（移動に対して残り時間が不足）',
    'possible but not booked (by the strategy: e.g. nobody asked)':
        '可能だが予約なし（派遣方針による：例 依頼がない）',
    'bound to its region (need left only in other regions)':
        '担当地域に限定（必要は他の地域にのみ残る）',
    'plan providers (指定特定相談支援)':
        '指定特定相談支援事業所',
    '委託相談支援':
        '委託相談支援',
    '基幹相談支援センター':
        '基幹相談支援センター',
    '地域包括支援センター':
        '地域包括支援センター',
    '自立相談支援機関':
        '自立相談支援機関',
    'こども家庭センター':
        'こども家庭センター',
    '重層 hub (多機関協働)':
        '重層的支援（多機関協働）',
    'case conference (支援会議)':
        '支援会議',
    'resolved':
        '解決',
    'handed over':
        '引き継ぎ',
    'moved away':
        '転出',
    'died':
        '死亡',
    'unresolved':
        '未解決',
    'disability':
        '障害',
    'elderly':
        '高齢',
    'child and family':
        '子ども・家庭',
    'hardship':
        '生活困窮',
    'mental health':
        '精神保健',
    'withdrawal (ひきこもり)':
        'ひきこもり',
    '8050':
        '8050',
    'double care':
        'ダブルケア',
    'several problems at once':
        '複合的な課題',
    'none':
        'なし',
    'exploring':
        '検討',
    'designing':
        '設計',
    'budgeted':
        '予算化',
    'established':
        '設置',
    'functioning':
        '機能',
    'Municipalities with a 基幹相談支援センター (core consultation support centre)':
        '基幹相談支援センターを設置した市町村',
    'Population living where a 基幹相談支援センター exists':
        '基幹相談支援センターのある市町村に住む人口',
    'no need':
        '必要なし',
    'not served by the strategy':
        '派遣方針の対象外',
    'hours ran out':
        '時間不足',
    'fitted':
        '当てはめ',
    'from the seeds or public figures':
        'シード文書・公的数値',
    'assumed':
        '仮定',
    'the scenario':
        'シナリオ',
    'placeholder':
        '仮置き値',
    'see default':
        '既定値を参照',
    'Number of advisers, strategy':
        'アドバイザーの人数、派遣方針',
    'Where each municipality starts':
        '各市町村の出発点',
    'Number of simulated futures':
        'シミュレーションする将来の数（試行数）',
    "the scenario file (the shipped prefectures: seed 000's cases, docs/parameters.md §Values from the seeds)":
        'シナリオファイル（同梱の都道府県：シード000の事例、docs/parameters.md §Values from the seeds）',
    'the scenario file (the shipped prefectures: seed 000 counts; national counts in docs/parameters.md §National figures)':
        'シナリオファイル（同梱の都道府県：シード000の件数、全国の件数は docs/parameters.md §National figures）',
    "docs/parameters.md §Run settings: 100 or more for probabilities such as 'all municipalities by 2027-03-31'":
        'docs/parameters.md §Run settings：「2027-03-31までに全市町村」のような確率には100回以上',
    '基幹相談支援センター (core consultation support centre), 地域生活支援拠点等 (community life support base), (自立支援)協議会 (council) and 重層的支援体制整備事業 (multi-layered support system)':
        '基幹相談支援センター、地域生活支援拠点等、（自立支援）協議会、重層的支援体制整備事業',
    'main need':
        '主な必要',
    'agency it left from':
        '最後に離れた機関',
    'cases entered':
        '受け入れたケース',
    'how it left':
        '終わり方',
    'first order S1 (alone)':
        '一次指数 S1（単独）',
    'total ST (with interactions)':
        '総合指数 ST（交互作用を含む）',
}
