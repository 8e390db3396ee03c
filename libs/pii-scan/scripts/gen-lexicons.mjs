// Generates src/lexicon/data.generated.ts: compact, lower-cased word lists for the name, place and
// street-suffix dictionaries. Sources: @faker-js/faker's English-language locale lists (MIT), plus the
// hand-kept lists below. Run: node libs/pii-scan/scripts/gen-lexicons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allFakers } from '@faker-js/faker';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'lexicon', 'data.generated.ts');

const NAME_LOCALES = ['en', 'en_GB', 'en_US', 'en_AU', 'en_IE', 'en_IN', 'en_NG', 'en_CA', 'en_ZA', 'en_GH', 'yo_NG', 'zu_ZA'];
const flat = (x) => (!x ? [] : Array.isArray(x) ? x : Object.values(x).flat());

const first = new Set();
const last = new Set();
const cities = new Set();
const counties = new Set();
const suffixes = new Set();
for (const l of NAME_LOCALES) {
  const d = allFakers[l].rawDefinitions;
  for (const n of flat(d.person?.first_name)) first.add(n);
  for (const n of flat(d.person?.middle_name)) first.add(n);
  for (const n of flat(d.person?.last_name)) last.add(n);
  if (['en_US', 'en_GB', 'en_IE', 'en_CA', 'en_AU'].includes(l)) for (const c of flat(d.location?.city_name)) cities.add(c);
  if (['en_GB', 'en_IE'].includes(l)) for (const c of flat(d.location?.county)) counties.add(c);
  if (['en', 'en_GB', 'en_US'].includes(l)) for (const s of flat(d.location?.street_suffix)) suffixes.add(s);
}

// Common surnames in England and Wales and the US census top list that Faker's lists lack.
const EXTRA_SURNAMES = `Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker
White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker
Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey
Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb
Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens
Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox
Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant
Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry
Stone Reid Holland Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates
Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald
Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler Potter
Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke May Pritchard Gilbert Willis Higgins Read Miles Stevenson
Stephenson Hammond Arnold Buckley Walters Hewitt Barber Nelson Slater Austin Sullivan Whitehead Mann Frost Lambert Stephens Blake
Akhtar Lynch Goodwin Barton Woodward Thomson Cunningham Quinn Barnett Baxter Bibi Clayton Nash Greenwood Jennings Holt Kemp Poole
Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton Lees Banks French Chen Wang Li Zhang Liu Nguyen Kim Garcia
Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Cruz Reyes Morales Ortiz Gutierrez
Chavez Ramos Ruiz Alvarez Mendoza Castillo Jimenez Moreno Romero Herrera Medina Aguilar Vargas Washington Jefferson Okafor Mensah
Nowak Kowalski Wisniewski Kowalczyk Mohammed Mohammad Muhammad Rahman Islam Uddin Miah Hossain Iqbal Malik Mahmood Sharma Kumar Gupta
Mistry Chauhan Parmar Mehta Joshi Desai Choudhury Chowdhury Begum Bhatti Butt Raja Aziz Rashid Hassan Hussein Abdullah Omar Osman
Okonkwo Adeyemi Oyelaran Boateng Owusu Asante Appiah Nwosu Eze Obi Afolabi Abubakar Yusuf Ibrahim Suleiman Wong Lam Chan Cheung Ho
Tan Lim Ng Yip Leung Kaur Sandhu Sidhu Dhillon Grewal Gill Bains Johal Atwal Murray MacDonald MacLeod MacKenzie Fraser Robertson
Sinclair Cameron Ferguson Duncan Douglas Hay Kerr Black Paterson Wylie Boyle Gallagher Kavanagh Brennan Fitzgerald Flanagan Nolan
Dunne Keane Daly Walsh Connolly Farrell Maguire Hughes Llewellyn Pugh Rees Morgan Jenkins Vaughan Bevan Prosser Probert Hopkin`.split(/\s+/);

const EXTRA_FIRST = `Oliver George Harry Jack Jacob Noah Charlie Muhammad Mohammed Thomas Oscar William James Leo Alfie Henry Joshua Freddie Archie
Ethan Isaac Alexander Joseph Edward Samuel Max Daniel Arthur Lucas Mohammad Logan Theo Harrison Benjamin Mason Sebastian Finley Adam
Dylan Zachary Riley Teddy Theodore David Toby Jake Louie Elijah Reuben Arlo Hugo Luca Jaxon Matthew Harvey Reggie Michael Harley Jude
Albert Tommy Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily Sophia Grace Evie Sophie Charlotte Jessica Ruby Freya Florence
Daisy Chloe Alice Sienna Phoebe Matilda Evelyn Ivy Millie Harper Rosie Willow Elsie Layla Emma Esme Erin Isabelle Maya Eva Zara Imogen
Aisha Fatima Maryam Zainab Amira Hannah Priya Anjali Sunita Rajesh Ravi Sanjay Amit Deepak Vikram Arjun Ananya Kavya Aarav Ishaan Vihaan
Chukwuemeka Oluwaseun Adebayo Chiamaka Ngozi Kwame Kofi Ama Abena Yaw Akua Tunde Funmilayo Babajide Femi Segun Bola Kemi Wei Jun Mei Ling
Hui Xin Yan Siobhan Aoife Niamh Ciara Sinead Saoirse Eoin Cian Oisin Padraig Seamus Declan Ciaran Rhys Dafydd Gareth Ieuan Cerys Sian
Bethan Megan Angharad Catrin Iain Alasdair Ewan Fraser Hamish Callum Euan Morag Eilidh Kirsty Mhairi Piotr Krzysztof Tomasz Pawel Marek
Agnieszka Katarzyna Malgorzata Joanna Magdalena Ewa Bogdan Andrei Ionut Elena Ioana Mihai Darius Vasile Jose Juan Carlos Luis Miguel
Sofia Valentina Camila Lucia Mateo Santiago Diego Alejandro Hiroshi Yuki Kenji Aiko Sakura Minh Linh Anh Thanh Huong`.split(/\s+/);

// UK and Irish cities, towns and districts (a compact list of the larger and commonly written ones).
const UK_PLACES = `London Birmingham Manchester Liverpool Leeds Sheffield Bristol Newcastle Sunderland Nottingham Leicester Coventry
Bradford Wolverhampton Derby Southampton Portsmouth Plymouth Stoke-on-Trent Reading Luton Northampton Norwich Milton Keynes Swindon
Oxford Cambridge Brighton Hove Bournemouth Poole Middlesbrough Huddersfield Blackpool Bolton Stockport Oldham Rochdale Wigan Salford
Warrington Preston Blackburn Burnley York Hull Kingston upon Hull Doncaster Rotherham Barnsley Wakefield Halifax Harrogate Scarborough
Lincoln Grimsby Scunthorpe Peterborough Ipswich Colchester Chelmsford Southend-on-Sea Basildon Maidstone Canterbury Dover Folkestone
Ashford Crawley Guildford Woking Watford Slough Basingstoke Winchester Salisbury Bath Exeter Torquay Truro Gloucester Cheltenham
Worcester Hereford Shrewsbury Telford Stafford Walsall Dudley Solihull Nuneaton Rugby Warwick Leamington Spa Stratford-upon-Avon
Redditch Kidderminster Chester Crewe Macclesfield Lancaster Carlisle Kendal Barrow-in-Furness Durham Darlington Hartlepool Gateshead
Stockton-on-Tees Berwick-upon-Tweed Mansfield Chesterfield Worksop Loughborough Kettering Corby Wellingborough Bedford Stevenage
Hemel Hempstead St Albans Harlow Hertford Aylesbury High Wycombe Maidenhead Bracknell Wokingham Newbury Farnborough Aldershot
Eastbourne Hastings Worthing Chichester Bognor Regis Gosport Fareham Havant Weymouth Dorchester Yeovil Taunton Bridgwater Weston-super-Mare
Barnstaple Newquay Penzance Falmouth Cardiff Swansea Newport Wrexham Bangor Aberystwyth Carmarthen Llanelli Merthyr Tydfil Pontypridd
Bridgend Barry Rhyl Llandudno Edinburgh Glasgow Aberdeen Dundee Inverness Stirling Perth Paisley Kilmarnock Ayr Falkirk Livingston
Dunfermline Kirkcaldy Motherwell Hamilton Greenock Dumfries Elgin Belfast Derry Londonderry Lisburn Newry Armagh Omagh Enniskillen
Coleraine Ballymena Craigavon Dublin Cork Limerick Galway Waterford Kilkenny Sligo Drogheda Dundalk Croydon Bromley Harrow Ealing
Hackney Islington Camden Lambeth Southwark Lewisham Greenwich Wandsworth Hammersmith Fulham Kensington Chelsea Westminster Brent
Barnet Enfield Haringey Hounslow Hillingdon Richmond Kingston Merton Sutton Bexley Havering Redbridge Newham Tower Hamlets Barking
Dagenham Waltham Forest Tottenham Brixton Peckham Stratford Wimbledon Clapham Walthamstow Ilford Romford Bexleyheath Orpington
Sidcup Uxbridge Wembley Edgware Finchley Hampstead Highgate Stoke Newington Dalston Shoreditch Whitechapel Bethnal Green Mile End
Poplar Canary Wharf Deptford Woolwich Eltham Catford Sydenham Norwood Streatham Tooting Balham Putney Battersea Fulham Acton Chiswick
Hanwell Southall Hayes Feltham Twickenham Teddington Surbiton Morden Mitcham Wallington Purley Coulsdon Sunderland Jarrow
South Shields Tynemouth Whitley Bay Morpeth Hexham Ashington Blyth Consett Stanley Seaham Peterlee Bishop Auckland Redcar Whitby
Keighley Skipton Ilkley Otley Pudsey Batley Dewsbury Morley Castleford Pontefract Selby Goole Beverley Bridlington Louth Boston
Skegness Spalding Grantham Stamford Newark Retford Bassetlaw Ilkeston Long Eaton Matlock Buxton Glossop Ashbourne Burton upon Trent
Lichfield Tamworth Cannock Rugeley Stone Leek Newcastle-under-Lyme Kidsgrove Congleton Northwich Winsford Runcorn Widnes St Helens
Southport Birkenhead Wallasey Bootle Ormskirk Skelmersdale Chorley Leyland Accrington Nelson Colne Clitheroe Morecambe Fleetwood
Lytham St Annes Bury Heywood Middleton Ashton-under-Lyne Hyde Stalybridge Altrincham Sale Stretford Urmston Eccles Leigh Atherton
Westhoughton Horwich Farnworth Radcliffe Prestwich Whitefield Swinton Walkden Cheadle Wilmslow Knutsford Nantwich Ellesmere Port
Kings Lynn Great Yarmouth Lowestoft Bury St Edmunds Thetford Dereham Cromer Sudbury Haverhill Newmarket Ely Huntingdon St Neots
Wisbech March Letchworth Hitchin Welwyn Hatfield Borehamwood Bishops Stortford Braintree Witham Clacton-on-Sea Harwich Brentwood
Billericay Grays Tilbury Gravesend Dartford Sevenoaks Tonbridge Tunbridge Wells Sittingbourne Faversham Margate Ramsgate Broadstairs
Herne Bay Whitstable Deal Hythe Rye Bexhill Lewes Uckfield Horsham Haywards Heath Burgess Hill East Grinstead Reigate Redhill Epsom
Leatherhead Dorking Esher Walton-on-Thames Weybridge Staines Egham Camberley Farnham Godalming Haslemere Petersfield Alton Andover
Romsey Eastleigh Lymington Ringwood Christchurch Wimborne Wareham Swanage Bridport Lyme Regis Sherborne Shaftesbury Frome Glastonbury
Wells Street Minehead Chard Crewkerne Honiton Exmouth Sidmouth Tiverton Newton Abbot Totnes Dartmouth Tavistock Okehampton Bideford
Ilfracombe Bodmin St Austell Launceston Redruth Camborne Helston St Ives Stroud Tewkesbury Cirencester Trowbridge Chippenham Devizes
Marlborough Warminster Melksham Abingdon Didcot Wantage Witney Banbury Bicester Thame Henley-on-Thames`.split(/\s+/);
const UK_MULTI = `Milton Keynes|Kingston upon Hull|Leamington Spa|Merthyr Tydfil|Hemel Hempstead|St Albans|High Wycombe|Bognor Regis|
Burton upon Trent|St Helens|Ellesmere Port|Kings Lynn|Great Yarmouth|Bury St Edmunds|St Neots|Bishops Stortford|Tunbridge Wells|
Herne Bay|Haywards Heath|Burgess Hill|East Grinstead|Lyme Regis|Newton Abbot|St Austell|St Ives|Tower Hamlets|Waltham Forest|
Canary Wharf|Bethnal Green|Mile End|Stoke Newington|Whitley Bay|South Shields|Bishop Auckland|Long Eaton|Lytham St Annes|
Barrow-in-Furness|Stratford-upon-Avon`.split(/\|\s*/);
function mergeMulti(words) {
  const out = [];
  for (let i = 0; i < words.length; i++) {
    let hit = null;
    for (const m of UK_MULTI) {
      const parts = m.split(' ');
      if (parts.every((w, j) => words[i + j] === w)) { if (!hit || parts.length > hit.length) hit = parts; }
    }
    if (hit) { out.push(hit.join(' ')); i += hit.length - 1; } else out.push(words[i]);
  }
  return out;
}

const US_STATES = `Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois Indiana Iowa
Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada New Hampshire
New Jersey New Mexico New York North Carolina North Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Island South Carolina South Dakota
Tennessee Texas Utah Vermont Virginia Washington West Virginia Wisconsin Wyoming`.replace(/(New|North|South|West|Rhode)\s+/g, '$1_').split(/\s+/).map((x) => x.replace('_', ' '));

// USPS Publication 28 abbreviations and UK forms.
const SUFFIX_ABBR = `St Rd Ave Av Ln Dr Blvd Ct Pl Cres Gdns Gdn Terr Ter Sq Pkwy Hwy Cir Trl Way Wy Cl Gr Mws Pde Rise Wlk Row Hts Mdw Mdws
Pk Crt Cv Xing Expy Fwy Ext Plz Pt Rdg Rte Tpke Vw Vly Vis Aly Anx Arc Byp Ctr Clf Crk Est Frk Grn Hbr Holw Jct Lk Lks Ldg Mnr Mt Mtn
Orch Opas Psge Pne Pnes Pln Prt Prk Radl Rnch Shl Shr Spg Sta Strm Smt Trce Trak Trfy Tunl Upas Vlg Wl Wls Hill Crescent Close Mews
Parade Walk Gardens Terrace Square Grove Lane Road Street Avenue Drive Court Place Boulevard Circle Highway Parkway Wharf Quay Embankment
Broadway Wynd Vennel Loan Brae Gait Causeway Crossway Esplanade Promenade Chase Croft Green Row`.split(/\s+/);

// Words that are also first names, surnames or places but usually mean something else when capitalised in English text.
const COMMON = `The This That These Those There Then Than They Their What When Where Which While Who Why How Will May Can Could Should
Would Might Must Shall And But For Nor Not Yet Also Any All Some Many Much More Most Other Such Each Every Both Either Neither
Mark Bill Rose Hope Grace Joy Faith Dawn Eve Summer Autumn Winter Spring April June August Destiny Justice King Prince Major General
Young Miles Art Chance Chase Crystal Diamond Ruby Pearl Amber Jade Ivy Holly Lily Daisy Heather Iris Violet Sky River Brook Rain Storm
Sunny Sandy Rusty Buck Don Guy Lane Lee Dale Glen Cliff Wade Gene Pat Sue Nick Rob Bob Jack Sage Harmony Melody Trinity Unique
Precious Nova Ace Cash Royal Reign Saint Angel Green White Brown Black Hall Wood Hill Cook Baker Turner Walker Long Short Little Small
Strong Rich Bell Bird Fox Wolf Lamb Frost Snow Stone Marsh Field Fields Banks Lake Moss Page Price Ward Power Case Day Love Church
Chapel Bishop Knight Duke Lord Porter Mason Carter Hunter Fisher Shepherd Miller Cooper Potter Free Bright Best Good Wise Sharp
Swift Read Reading Cross Gray Grey Rice Park Street Road Lane Way Close Court Drive Avenue Place Gate End Bank View Walk Green Square
Street Mill Well Wells Bath Worth Sale Hyde Poole Deal Rye March Street Stone Stanley Hamilton Barry Nelson Hayes Sutton Stratford
Kingston Richmond Leigh Boston Wells Street Newport Victoria Albert Regent Queen Union Station Central General Royal Memorial Christian
Trust Foundation Health Care Clinic Hospital Centre Center Medical Service Services Department Unit University College School
Patient Doctor Nurse Consultant Surgeon Registrar Dear Sincerely Regards Yours Signed Thanks Thank Please Note Notes Plan Review
Summary Discharge Admission Diagnosis History Examination Impression Management Medication Medications Allergies Results Follow
Normal Abnormal Left Right Upper Lower Acute Chronic Severe Mild Moderate Total Mean Median Count Table Figure Data Model Study
Protocol Version Date Time Age Sex Male Female Yes No None Unknown Other Positive Negative High Low North South East West Central
New Old Great Upper Lower Saint Port Mount Fort Lake Bay Beach Island Isle Valley Forest Glen Heath Moor Vale Dale Brook Ford
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
November December Christmas Easter English British American Asian African Irish Scottish Welsh Indian Chinese Black White Mixed
Independent Justice Liberty Harmony Serenity Essence Haven Legend Legacy Genesis Journey Kingdom Miracle Mercy Patience Prudence
Charity Constance Temperance Verity Honor Honour Ernest Frank Earnest Sterling Cole Marshall Chance Lincoln Jordan Madison
Mobile Reading Bath Deal Sale Ware Bury Hyde Wells Stone Street Orange Marina Enterprise Independence Commerce Plano Normal Bend Surprise Paradise Eureka Tyler Ada`.split(/\s+/);

// Words that make an adjacent capitalised token a disease, sign, device or procedure rather than a person.
const EPONYMS = `Parkinson Alzheimer Crohn Hodgkin Addison Cushing Graves Hashimoto Huntington Wilson Bell Down Tourette Asperger Guillain
Barre Barré Raynaud Sjogren Sjögren Kawasaki Marfan Ehlers Danlos Paget Kaposi Lyme Meniere Ménière Conn Dupuytren Tay Sachs Klinefelter
Gilbert Fallot Wernicke Korsakoff Creutzfeldt Jakob Duchenne Becker Bartter Hirschsprung Legionnaires Apgar Glasgow Babinski Romberg
Kernig Murphy Trendelenburg Epley Heimlich Foley Swan Ganz Hickman Whipple Nissen Billroth Hartmann Colles Pott Still Reiter Behcet
Behçet Takayasu Wegener Churg Strauss Kussmaul Cheyne Stokes Adams Bowen Burkitt Ewing Wilms Hurthle Merkel Barrett Zollinger Ellison
Mallory Weiss Boerhaave Budd Chiari Gaucher Fabry Niemann Pick Pompe Hunter Hurler Sanfilippo Morquio Rett Angelman Prader Willi
Noonan Turner Edwards Patau Williams Kallmann Sheehan Simmonds Nelson Bartholin Skene Cowper Meckel Zenker Killian Ludwig Vincent
Bornholm Coxsackie Epstein Barr Hodgkins Lewy Pick Binswanger Friedreich Charcot Marie Tooth Leber Stargardt Best Coats Norrie
Peyronie Fournier Kaposi Pott Scheuermann Perthes Osgood Schlatter Sever Kienbock Kienböck Madelung Sprengel Klippel Feil Arnold
Chiari Dandy Walker Ebstein Eisenmenger Kartagener Lutembacher Wolff Mobitz Wenckebach Brugada Stokes Holter Doppler Gram Ziehl
Neelsen Giemsa Papanicolaou Pap Snellen Weber Rinne Phalen Tinel Finkelstein Lachman McMurray Thomas Ortolani Barlow Allen Schober`.split(/\s+/);

const norm = (s) => s.trim().toLowerCase();
const uniq = (xs) => [...new Set(xs.map(norm).filter((x) => x.length > 0))].sort();
const places = uniq([...mergeMulti(UK_PLACES), ...cities, ...counties].filter((p) => p.length > 2));

const banner = '// GENERATED by libs/pii-scan/scripts/gen-lexicons.mjs: do not edit by hand.\n' +
  '// Sources: @faker-js/faker English-locale lists (MIT) and the hand-kept lists in the script.\n';
const emit = (name, xs) => `export const ${name} = ${JSON.stringify(xs.join('|'))};\n`;
const src = banner +
  emit('FIRST_NAMES', uniq([...first, ...EXTRA_FIRST])) +
  emit('LAST_NAMES', uniq([...last, ...EXTRA_SURNAMES])) +
  emit('PLACES', places) +
  emit('US_STATES', uniq(US_STATES)) +
  emit('STREET_SUFFIXES', uniq([...suffixes, ...SUFFIX_ABBR])) +
  emit('COMMON_WORDS', uniq(COMMON)) +
  emit('EPONYMS', uniq(EPONYMS));
writeFileSync(out, src);
console.log(`wrote ${out} (${src.length} bytes): first=${first.size} last=${last.size} places=${places.length} suffixes=${suffixes.size}`);
