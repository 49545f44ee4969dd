import { dayNumberOf, formatDayNumber } from '../../platform/iso-date.ts';
import { countyGovernmentCode } from '../departments/seed-departments.ts';
import { huaianCounties } from '../identity-codes/index.ts';
import { buildUscc, organizationCodeBody, type UsccCategory } from './codes.ts';
import { addYears, ageOn } from './dates.ts';
import type { CountyName } from './names.ts';
import * as names from './names.ts';
import { COUNTY_WEIGHTS, type DemoPerson } from './persons.ts';
import { placesOf } from './places.ts';
import type { Rng, WeightedTable } from './prng.ts';

export type OrganizationKind =
  | 'enterprise'
  | 'individual_business'
  | 'social_organization'
  | 'public_institution'
  | 'state_organ'
  | 'state_owned_enterprise';

export interface DemoOrganization {
  /** 18-character unified social credit code (GB 32100). */
  code: string;
  name: string;
  kind: OrganizationKind;
  /** 单位性质 as a black list entry states it (A8(2)): 有限责任公司, 个体工商户, 事业单位, … */
  legalForm: string;
  regionCode: string;
  registeredAddress: string;
  /** Code of a generated person: legal representative, operator or principal (A8(2), B26). */
  legalRepresentativeCode: string;
  establishedOn: string;
  /** For state organs, public institutions and state-owned enterprises: whom A11 notifies. */
  superiorDepartmentCode?: string;
}

type Variant =
  | 'company'
  | 'individual'
  | 'cooperative'
  | 'socialGroup'
  | 'privateNonEnterprise'
  | 'publicInstitution'
  | 'stateOrgan'
  | 'stateOwned';

const VARIANTS: WeightedTable<Variant> = [
  ['company', 56],
  ['individual', 22],
  ['cooperative', 4],
  ['socialGroup', 3],
  ['privateNonEnterprise', 2],
  ['publicInstitution', 6],
  ['stateOrgan', 3],
  ['stateOwned', 4],
];

/** Earliest establishment date per variant; 农民专业合作社 exist since the 2007 law. */
const EARLIEST: Readonly<Record<Variant, string>> = {
  company: '1985-01-01',
  individual: '1985-01-01',
  cooperative: '2007-07-01',
  socialGroup: '1990-01-01',
  privateNonEnterprise: '1999-01-01',
  publicInstitution: '1960-01-01',
  stateOrgan: '1983-01-01',
  stateOwned: '1980-01-01',
};

const VILLAGES = names.words('新庄 王庄 张庄 李集 陈圩 前进 红旗 胜利 新河 朱湖 永丰 丰收 大王 杨湾 双桥');
const TOWN_STREETS = names.words('人民路 建设路 振兴路 文化路 中心街 府前路 迎宾大道');
const NAME_ATTEMPTS = 20;

interface Draft {
  name: string;
  kind: OrganizationKind;
  legalForm: string;
  category: UsccCategory;
  cityLevel: boolean;
  address: string;
  superiorDepartmentCode?: string;
}

function urbanAddress(rng: Rng, county: CountyName): string {
  const street = `淮安市${county.name}${rng.pick(placesOf(county.code).roads)}${rng.int(1, 499)}号`;
  return rng.chance(0.3) ? `${street}${rng.int(1, 30)}幢${rng.int(1, 24)}0${rng.int(1, 9)}室` : street;
}

function draft(rng: Rng, variant: Variant, county: CountyName, operator: DemoPerson): Draft {
  const town = rng.pick(placesOf(county.code).towns);
  const townAddress = `淮安市${county.name}${town}${rng.pick(TOWN_STREETS)}${rng.int(1, 199)}号`;
  const countyGov = countyGovernmentCode(county.code);
  switch (variant) {
    case 'company': {
      const e = names.enterpriseName(rng, county);
      const address = urbanAddress(rng, county);
      return {
        name: e.name,
        kind: 'enterprise',
        legalForm: e.form,
        category: '91',
        cityLevel: e.cityLevel,
        address,
      };
    }
    case 'individual': {
      const name = names.individualBusinessName(rng, county, operator.name);
      const address = urbanAddress(rng, county);
      return {
        name,
        kind: 'individual_business',
        legalForm: '个体工商户',
        category: '92',
        cityLevel: false,
        address,
      };
    }
    case 'cooperative': {
      const name = names.cooperativeName(rng, county, town);
      const address = `淮安市${county.name}${town}${rng.pick(VILLAGES)}村${rng.int(1, 12)}组`;
      return {
        name,
        kind: 'enterprise',
        legalForm: '农民专业合作社',
        category: '93',
        cityLevel: false,
        address,
      };
    }
    case 'socialGroup': {
      const name = names.socialGroupName(rng, county);
      const cityLevel = name.startsWith('淮安市');
      const address = urbanAddress(rng, county);
      return { name, kind: 'social_organization', legalForm: '社会团体', category: '51', cityLevel, address };
    }
    case 'privateNonEnterprise': {
      const name = names.privateNonEnterpriseName(rng, county);
      const cityLevel = name.startsWith('淮安市');
      const address = urbanAddress(rng, county);
      return {
        name,
        kind: 'social_organization',
        legalForm: '民办非企业单位',
        category: '52',
        cityLevel,
        address,
      };
    }
    case 'publicInstitution': {
      const name = names.publicInstitutionName(rng, county, town);
      const kind = 'public_institution';
      return {
        name,
        kind,
        legalForm: '事业单位',
        category: '12',
        cityLevel: false,
        address: townAddress,
        superiorDepartmentCode: countyGov,
      };
    }
    case 'stateOrgan': {
      const name = names.stateOrganName(county, town);
      const kind = 'state_organ';
      return {
        name,
        kind,
        legalForm: '机关',
        category: '11',
        cityLevel: false,
        address: townAddress,
        superiorDepartmentCode: countyGov,
      };
    }
    case 'stateOwned': {
      const cityLevel = rng.chance(0.5);
      return {
        name: names.stateOwnedEnterpriseName(rng, county, cityLevel),
        kind: 'state_owned_enterprise',
        legalForm: '有限责任公司(国有独资)',
        category: '91',
        cityLevel,
        address: urbanAddress(rng, county),
        superiorDepartmentCode: cityLevel ? 'HA-GZW' : countyGov,
      };
    }
  }
}

const PUBLIC_SECTOR: ReadonlySet<Variant> = new Set(['publicInstitution', 'stateOrgan', 'stateOwned']);
const laterOf = (a: string, b: string): string => (a > b ? a : b);

/** Recent years dominate: most registered market entities in China date from the last decade. */
const SKEWED_TO_RECENT: ReadonlySet<Variant> = new Set(['company', 'individual', 'cooperative']);

export function generateOrganizations(
  rng: Rng,
  count: number,
  asOf: string,
  persons: readonly DemoPerson[],
): DemoOrganization[] {
  const counties = new Map(huaianCounties().map((c) => [c.code, { code: c.code, name: c.name }]));
  const aged = (min: number, max: number) =>
    persons.filter((p) => {
      const age = ageOn(p.birthDate, asOf);
      return age >= min && age <= max;
    });
  const representatives = aged(22, 75);
  // Heads of township governments, schools and state-owned companies are rarely under 35.
  const seniors = aged(35, 60);
  if (count > 0 && representatives.length === 0) {
    throw new RangeError(
      'organizations need at least one generated person aged 22–75 as legal representative',
    );
  }
  const usedNames = new Set<string>();
  const usedCodes = new Set<string>();
  const organizations: DemoOrganization[] = [];
  while (organizations.length < count) {
    const county = counties.get(rng.weighted(COUNTY_WEIGHTS)) as CountyName;
    let variant = rng.weighted(VARIANTS);
    const pool = PUBLIC_SECTOR.has(variant) && seniors.length > 0 ? seniors : representatives;
    const representative = rng.pick(pool);
    const adultOn = addYears(representative.birthDate, 18);
    let earliest = laterOf(EARLIEST[variant], adultOn);
    if (earliest > asOf) {
      variant = 'company';
      earliest = laterOf(EARLIEST.company, adultOn);
    }
    // Small name pools (townships) run out in large demos; fall back to companies, whose pool is huge.
    let unit = draft(rng, variant, county, representative);
    for (let attempt = 1; usedNames.has(unit.name); attempt++) {
      unit = draft(rng, attempt < NAME_ATTEMPTS ? variant : 'company', county, representative);
    }
    const [from, to] = [dayNumberOf(earliest), dayNumberOf(asOf, 'asOf')];
    const u = rng.next();
    const establishedOn = formatDayNumber(
      from + Math.floor((to - from) * (SKEWED_TO_RECENT.has(variant) ? Math.sqrt(u) : u)),
    );
    const region = unit.cityLevel ? '320800' : county.code;
    const code = buildUscc(unit.category, region, organizationCodeBody(rng, unit.category, establishedOn));
    if (usedCodes.has(code)) continue;
    usedCodes.add(code);
    usedNames.add(unit.name);
    const organization: DemoOrganization = {
      code,
      name: unit.name,
      kind: unit.kind,
      legalForm: unit.legalForm,
      regionCode: county.code,
      registeredAddress: unit.address,
      legalRepresentativeCode: representative.code,
      establishedOn,
    };
    if (unit.superiorDepartmentCode) organization.superiorDepartmentCode = unit.superiorDepartmentCode;
    organizations.push(organization);
  }
  return organizations;
}
