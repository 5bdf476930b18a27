/**
 * Realistic, reproducible account data for the search benchmark: skewed names and email domains,
 * mostly active accounts, a statewide tenant of 59 counties of very different sizes.
 */

/** Small deterministic PRNG (mulberry32), so every seed of the benchmark holds the same people. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `items` with the given weights by binary search over the cumulative weights. */
export function weighted<T>(items: readonly T[], weights: readonly number[]): (random: () => number) => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return (random) => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

/** Zipf-like weights with an offset: the head is common (a few percent each), the tail long. */
const zipf = (n: number, offset: number, exponent = 1) => Array.from({ length: n }, (_, r) => 1 / (r + 1 + offset) ** exponent);

// Ordered roughly by frequency in the US census / SSA lists; a few accented and punctuated names.
export const lastNames = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott
Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz
Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox
Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster
Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson
Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford
Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford
Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone
Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer
Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews
Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman
Rios Estrada Ortega Watkins Greene Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin Dominguez
Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid
Hanson Le McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little Banks Padilla Day Walsh Bowman Schultz
Luna Fowler Mejia Davidson Acosta Brewer May Holland Juarez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa
Keller Avila Wade Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd Craig Ayala Lowe Frazier Powers
Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris Jennings Watts Duran Walters Cohen McDaniel Moran Parks Steele
Vaughn Becker Holt DeLeon Barker Terry Hale Leon Hail Benson Haynes Horton Miles Lyons Pham Graves Bush Thornton Wolfe Warner Cabrera McKinney
Mann Zimmerman Dawson Lara Fletcher Page McCarthy Love Robles Cervantes Solis Erickson Reeves Chang Klein Salinas Fuentes Baldwin Daniel
Simon Velasquez Hardy Higgins Aguirre Lin Cummings Chandler Sharp Barber Bowen Ochoa Dennis Robbins Liu Ramsey Francis Griffith Paul Blair
O'Connor Cardenas Pacheco Cross Calderon Quinn Moss Swanson Chan Rivas Khan Rodgers Serrano Fitzgerald Rosales Stevenson Christensen Manning
Gill Curry McLaughlin Harmon McGee Gross Doyle Garner Newton Burgess Reese Walton Blake Trujillo Adkins Brady Goodman Roman Webster Goodwin
Fischer Huang Potter Delacruz Montoya Todd Wu Hines Mullins Castaneda Malone Cannon Tate Mack Sherman Hubbard Hodges Zhang Guerra Wolf
Valencia Saunders Franco Rowe Gallagher Farmer Hammond Hampton Townsend Ingram Wise Gallegos Clarke Barton Schroeder Maxwell Waters Logan
Camacho Strickland Norman Person Colon Parsons Frank Harrington Glover Osborne Buchanan Casey Floyd Patton Ibarra Ball Tyler Suarez Bowers
Orozco Salas Cobb Gibbs Andrade Bauer Conner Moody Escobar McGuire Lloyd Mueller Hartman French Kramer McBride Pope Lindsey Velazquez Norton
McCormick Sparks Flynn Yates Hogan Marsh Macias Villanueva Zamora Pratt Stokes Owen Ballard Lang Brock Villarreal Charles Drake Barrera Cain
Patrick Piña García Müller Núñez Kowalski Okafor Nakamura Yamamoto Tanaka Suzuki Kovacs Novak Dubois Rossi Ferrari Smyth Jonson Jonsen
Smith-Jones García-López Van_Buren Al-Sayed`
  .split(/\s+/)
  .filter(Boolean)
  .map((name) => name.replace('_', ' '));

export const firstNames =
  `James Mary Michael Patricia John Jennifer Robert Linda David Elizabeth William Barbara Richard Susan Joseph Jessica
Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily
Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa Timothy Deborah Ronald Stephanie George Dorothy Jason Rebecca Edward
Sharon Jeffrey Laura Ryan Cynthia Jacob Amy Nicholas Kathleen Gary Angela Eric Shirley Jonathan Brenda Stephen Emma Larry Anna Justin Pamela
Scott Nicole Brandon Samantha Benjamin Katherine Samuel Christine Gregory Helen Alexander Debra Patrick Rachel Frank Carolyn Raymond Janet
Jack Maria Dennis Catherine Jerry Heather Tyler Diane Aaron Olivia Jose Julie Adam Joyce Nathan Victoria Henry Ruth Zachary Virginia Douglas
Lauren Peter Kelly Kyle Christina Noah Joan Ethan Evelyn Jeremy Judith Walter Andrea Christian Hannah Keith Megan Roger Cheryl Terry Jacqueline
Austin Martha Sean Madison Gerald Teresa Carl Gloria Harold Sara Dylan Janice Arthur Ann Lawrence Kathryn Jordan Abigail Jesse Sophia Bryan
Frances Billy Jean Bruce Alice Gabriel Judy Joe Isabella Logan Julia Alan Grace Juan Amber Albert Denise Willie Danielle Elijah Marilyn Wayne
Beverly Randy Charlotte Vincent Natalie Mason Theresa Roy Diana Ralph Brittany Bobby Doris Russell Kayla Bradley Alexis Philip Lori Eugene
Marie Jon Jonathon Jhon Jose José Ana Ana-María Luis Carlos Miguel Sofía Chloé Zoë Nguyen Mohammed Fatima Aisha Wei Mei Hiroshi Yuki Priya
Raj Olga Ivan Dmitri Siobhan Seán Niamh`
    .split(/\s+/)
    .filter(Boolean);

export const pickLastName = weighted(lastNames, zipf(lastNames.length, 12));
export const pickFirstName = weighted(firstNames, zipf(firstNames.length, 20, 0.9));

export const emailDomains = [
  'gmail.com',
  'yahoo.com',
  'calisota.gov',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'aol.com',
  'comcast.net',
  'sbcglobal.net',
  'att.net',
  'msn.com',
  'live.com',
  'cox.net',
  'verizon.net',
  'charter.net',
  'protonmail.com',
  'k12.calisota.us',
  'calisota.edu',
  'ymail.com',
  'me.com',
];
// gmail ≈ 27 %, the smallest domains well under 1 %.
export const pickDomain = weighted(emailDomains, zipf(emailDomains.length, 1, 1.3));

export const pickStatus = weighted(['active', 'archived', 'invited', 'expired'], [84, 10, 5, 1]);
export const pickAffiliation = weighted(
  [
    'County Social Services',
    'California Community Partners',
    'State Department of Social Services',
    'Foster Family Agency',
    'Tribal Partner',
    'University Extension',
  ],
  [45, 20, 12, 12, 3, 8],
);
export const pickEmployeeType = weighted(['Staff', 'Supervisor', 'Manager', 'Contractor', 'Volunteer', 'Intern'], [60, 15, 6, 10, 6, 3]);

/** California-like county names; sizes follow a skew like the real state (one huge, many tiny). */
export const countyNames = `Los Angeles,San Diego,Orange,Riverside,San Bernardino,Santa Clara,Alameda,Sacramento,Contra Costa,Fresno,Kern,
San Francisco,Ventura,San Mateo,San Joaquin,Stanislaus,Sonoma,Tulare,Solano,Santa Barbara,Monterey,Placer,San Luis Obispo,Santa Cruz,Merced,
Marin,Butte,Yolo,El Dorado,Imperial,Shasta,Madera,Kings,Napa,Humboldt,Nevada,Sutter,Mendocino,Yuba,Lake,Tehama,Tuolumne,San Benito,Calaveras,
Siskiyou,Amador,Lassen,Glenn,Del Norte,Colusa,Plumas,Inyo,Mariposa,Trinity,Mono,Modoc,Sierra,Alpine,Tahoe Basin`
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

export const countyWeights = zipf(countyNames.length, 2, 1.1);
