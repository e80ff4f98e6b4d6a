// Small word lists the demo data is built from. Accents, apostrophes and spaces are on purpose:
// support staff search for "O'Brien", "García" and "van Dijk" too.

/** Splits a `|`-separated word list (shorter to write than an array literal). */
export const list = (text: string): string[] => text.split('|')

export const firstNames = list(
  'Olivia|Liam|Emma|Noah|Amelia|Oliver|Ava|Elijah|Sophia|James|Isabella|William|Mia|Lucas|Charlotte|Henry|' +
    'Harper|Benjamin|Evelyn|Theodore|Chloé|José|Zoë|Léa|Mateo|Aisha|Omar|Priya|Arjun|Mei|Hiroshi|Yuki|Sven|' +
    'Ingrid|Lars|Freya|Finn|Niamh|Seán|Aoife|Kwame|Amara|Dmitri|Katarzyna|Tomasz|Lucía|Giulia|Marco',
)

export const lastNames = list(
  'Smith|Jones|Williams|Brown|Taylor|Davies|Evans|Wilson|Johnson|García|Martínez|Müller|Schmidt|Schneider|' +
    "Fischer|Dubois|Martin|Bernard|Lefèvre|Rossi|Russo|Bianchi|de Vries|Jansen|van Dijk|Bakker|Murphy|Kelly|O'Brien|" +
    "O'Connor|Walsh|Nguyen|Tran|Kim|Park|Chen|Wang|Singh|Patel|Khan|Ahmed|Kowalski|Nowak|Novák|Andersson|" +
    'Johansson|Nielsen|Hansen|Okafor|Mensah',
)

export const emailDomains = list('example.com|example.net|example.org|mail.example|post.example')

export const customerNotes = list(
  'Prefers delivery after 5pm.|Asked to be called before delivery.|Leave parcels with the neighbour at no. 12.|' +
    'VIP: handle complaints personally.|Duplicate account merged in 2023.|Bulk buyer for a café, ask about invoices.|' +
    'Allergic to latex, no latex gloves when packing.|Disputed a card payment once, resolved.|' +
    'Wants paper receipts.|Moved abroad; check the address before shipping.',
)

/** Top category → middle category → leaf category → product nouns (the category tree is three levels deep). */
export const catalog: ReadonlyArray<readonly [string, string, ReadonlyArray<readonly [string, string, string]>]> = [
  [
    'Kitchen',
    'Cast Iron|Stainless Steel|Ceramic|Enamel|Copper|Bamboo',
    [
      ['Cookware', 'Pans', 'Frying Pan|Skillet|Wok|Griddle'],
      ['Cookware', 'Pots', 'Saucepan|Stockpot|Dutch Oven|Casserole Dish'],
      ['Tableware', 'Mugs & Cups', 'Mug|Teacup|Tumbler|Espresso Cup'],
      ['Tableware', 'Plates & Bowls', 'Dinner Plate|Salad Bowl|Serving Platter|Pasta Bowl'],
      ['Utensils', 'Knives', "Chef's Knife|Paring Knife|Bread Knife|Knife Block"],
      ['Utensils', 'Tools', 'Spatula|Whisk|Peeler|Ladle'],
    ],
  ],
  [
    'Home',
    'Oak|Walnut|Linen|Rattan|Velvet|Wool|Marble',
    [
      ['Furniture', 'Seating', 'Armchair|Stool|Bench|Ottoman'],
      ['Furniture', 'Tables', 'Side Table|Coffee Table|Console Table|Desk'],
      ['Decor', 'Lighting', 'Table Lamp|Floor Lamp|Pendant Light|Lantern'],
      ['Decor', 'Textiles', 'Throw Blanket|Cushion Cover|Rug|Curtain'],
      ['Storage', 'Baskets & Boxes', 'Storage Basket|Crate|Storage Box|Trunk'],
      ['Storage', 'Shelving', 'Wall Shelf|Bookcase|Shoe Rack|Coat Rack'],
    ],
  ],
  [
    'Garden',
    'Galvanised Steel|Terracotta|Teak|Recycled Plastic|Aluminium',
    [
      ['Tools', 'Hand Tools', 'Trowel|Pruning Shears|Hand Fork|Weeder'],
      ['Tools', 'Watering', 'Watering Can|Hose Reel|Sprinkler|Spray Nozzle'],
      ['Outdoor Living', 'Garden Furniture', 'Lounger|Bistro Set|Garden Bench|Parasol'],
      ['Outdoor Living', 'Grills', 'Charcoal Grill|Gas Grill|Grill Brush|Fire Pit'],
      ['Plants', 'Pots & Planters', 'Planter|Plant Pot|Window Box|Hanging Basket'],
      ['Plants', 'Seeds', 'Herb Seed Kit|Wildflower Seeds|Tomato Seeds|Bulb Mix'],
    ],
  ],
  [
    'Office',
    'Recycled Paper|Leather|Brass|Bamboo|Cork',
    [
      ['Stationery', 'Paper', 'Notebook|Planner|Sketchbook|Notepad'],
      ['Stationery', 'Writing', 'Fountain Pen|Ballpoint Pen|Pencil Set|Marker Set'],
      ['Desk', 'Organisers', 'Desk Organiser|Pen Holder|Letter Tray|Document Box'],
      ['Desk', 'Ergonomics', 'Monitor Stand|Footrest|Wrist Rest|Laptop Stand'],
    ],
  ],
  [
    'Electronics',
    'Matte Black|Graphite|Arctic White|Midnight Blue',
    [
      ['Audio', 'Headphones', 'Headphones|Earbuds|Headset'],
      ['Audio', 'Speakers', 'Bluetooth Speaker|Soundbar|Radio'],
      ['Accessories', 'Charging', 'Charger|Power Bank|Charging Cable|Wireless Charger'],
      ['Accessories', 'Cases', 'Phone Case|Laptop Sleeve|Tablet Cover'],
    ],
  ],
  [
    'Apparel',
    'Merino|Waxed Cotton|Recycled Nylon|Fleece|Canvas',
    [
      ['Outerwear', 'Jackets', 'Rain Jacket|Parka|Gilet|Fleece Jacket'],
      ['Outerwear', 'Accessories', 'Scarf|Beanie|Gloves|Umbrella'],
      ['Bags', 'Backpacks', 'Backpack|Daypack|Rucksack'],
      ['Bags', 'Totes', 'Tote Bag|Shopper|Weekender Bag'],
    ],
  ],
]

export const productAdjectives = list(
  'Classic|Compact|Deluxe|Essential|Everyday|Handcrafted|Heavy-Duty|Lightweight|Modern|Nordic|Premium|Rustic|' +
    'Slim|Vintage|Weatherproof|Ergonomic|Foldable|Insulated|Portable|Signature',
)

export const productClaims = list(
  'Built to last for years of daily use.|Designed in our studio and tested by our team.|' +
    'Backed by a two-year guarantee.|Ships in plastic-free packaging.|A customer favourite since launch.|' +
    'Pairs well with the rest of the collection.|Limited run: once it is gone, it is gone.|' +
    'Made in a family-run workshop.',
)

export const colours = list('black|white|grey|navy|sage|terracotta|mustard|oat|charcoal|forest green')

export const tagNames = list(
  'bestseller|new arrival|eco-friendly|gift idea|on sale|limited edition|handmade|organic|made in EU|vegan|' +
    'bundle|clearance|staff pick|back in stock|fragile|oversized',
)
