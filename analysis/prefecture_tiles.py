"""Where each of the 47 prefectures sits on a tile map of Japan (one square tile each).

Source and assumption: the layout follows the common Japanese tile-grid map (都道府県タイル
マップ) of newspapers and statistics dashboards: 北海道 alone at the top right, 東北 down the
right-hand column, 関東 to its south-west, 中部 and 近畿 across the middle, 中国 and 四国 as
two blocks, 九州 at the left and 沖縄 below it. There is no official grid; these positions
were drawn for tsunagi from the prefectures' neighbours (each tile beside or diagonal to the
prefectures it borders where the grid allows; 四国 and 九州 face 中国 across the sea). They
place tiles, not areas: a tile says nothing about a prefecture's size or population.

Columns count from the left (0..12), rows from the top (0..9). Codes are JIS X 0401, the
first two digits of a municipality's code.
"""

from __future__ import annotations

# code, name (Japanese, without 都/府/県), English name, column, row
TILES = (
    ("01", "北海道", "Hokkaido", 12, 0),
    ("02", "青森", "Aomori", 12, 1),
    ("03", "岩手", "Iwate", 12, 2),
    ("04", "宮城", "Miyagi", 12, 3),
    ("05", "秋田", "Akita", 11, 2),
    ("06", "山形", "Yamagata", 11, 3),
    ("07", "福島", "Fukushima", 11, 4),
    ("08", "茨城", "Ibaraki", 12, 5),
    ("09", "栃木", "Tochigi", 11, 5),
    ("10", "群馬", "Gunma", 10, 5),
    ("11", "埼玉", "Saitama", 10, 6),
    ("12", "千葉", "Chiba", 12, 6),
    ("13", "東京", "Tokyo", 11, 6),
    ("14", "神奈川", "Kanagawa", 10, 7),
    ("15", "新潟", "Niigata", 10, 4),
    ("16", "富山", "Toyama", 9, 4),
    ("17", "石川", "Ishikawa", 8, 4),
    ("18", "福井", "Fukui", 7, 5),
    ("19", "山梨", "Yamanashi", 9, 6),
    ("20", "長野", "Nagano", 9, 5),
    ("21", "岐阜", "Gifu", 8, 5),
    ("22", "静岡", "Shizuoka", 9, 7),
    ("23", "愛知", "Aichi", 8, 6),
    ("24", "三重", "Mie", 7, 7),
    ("25", "滋賀", "Shiga", 7, 6),
    ("26", "京都", "Kyoto", 6, 5),
    ("27", "大阪", "Osaka", 5, 6),
    ("28", "兵庫", "Hyogo", 5, 5),
    ("29", "奈良", "Nara", 6, 6),
    ("30", "和歌山", "Wakayama", 6, 7),
    ("31", "鳥取", "Tottori", 4, 5),
    ("32", "島根", "Shimane", 3, 5),
    ("33", "岡山", "Okayama", 4, 6),
    ("34", "広島", "Hiroshima", 3, 6),
    ("35", "山口", "Yamaguchi", 2, 6),
    ("36", "徳島", "Tokushima", 4, 8),
    ("37", "香川", "Kagawa", 4, 7),
    ("38", "愛媛", "Ehime", 3, 7),
    ("39", "高知", "Kochi", 3, 8),
    ("40", "福岡", "Fukuoka", 1, 6),
    ("41", "佐賀", "Saga", 0, 6),
    ("42", "長崎", "Nagasaki", 0, 7),
    ("43", "熊本", "Kumamoto", 1, 7),
    ("44", "大分", "Oita", 2, 7),
    ("45", "宮崎", "Miyazaki", 2, 8),
    ("46", "鹿児島", "Kagoshima", 1, 8),
    ("47", "沖縄", "Okinawa", 0, 9),
)
