import type { ProtectionState, VirtualMachine } from '../domain/backup.types';
import { vmId } from '../domain/azure-ids';
import type { InventoryProtection, InventoryVm } from './inventory.types';

/**
 * Strings that repeat across VMs (subscriptions, resource groups, regions, vaults, states), each
 * kept once and referred to by a small number. Number 0 is "none".
 */
export class StringTable {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  get size(): number {
    return this.values.length;
  }
}

function grown<T extends Uint8Array | Uint32Array>(column: T, capacity: number): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column);
  return next;
}

const OS_TYPES: ReadonlyArray<VirtualMachine['osType']> = [undefined, 'Windows', 'Linux'];

/** `/subscriptions/{sub}/resourcegroups/{rg}/providers/microsoft.compute/virtualmachines/{name}`, lower case. */
const VM_ID = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.compute\/virtualmachines\/([^/]+)$/;

/**
 * The VM inventory as columns: a VM is a row number; its subscription, resource group, region,
 * power state, agent state and protection are small numbers into shared string tables; its ARM
 * id is rebuilt from those parts (kept whole only when Azure spelled it otherwise). Lower-case
 * names are also joined into one string, so a keystroke finds the names containing a word with
 * one native substring scan instead of a string compare per VM. About 100 bytes a VM, against
 * about 2.5 KB for an object graph per VM.
 *
 * Rows are only appended (a first load is searchable while pages arrive) and protection changes
 * in place; a reload builds a new CompactInventory and swaps it in whole.
 */
export class CompactInventory {
  size = 0;
  private capacity = 0;

  readonly subscriptions = new StringTable();
  /** Resource group names as Azure spelled them. */
  readonly groupNames = new StringTable();
  /** `sub/group`, lower case: the place filter and the resource-group score work on these. */
  readonly groups = new StringTable();
  /** The lower-case resource group name of each entry of `groups`. */
  readonly groupLower: string[] = [''];
  readonly locations = new StringTable();
  readonly powerStates = new StringTable();
  readonly agents = new StringTable();
  readonly vaults = new StringTable();
  readonly states = new StringTable();

  readonly names: string[] = [];
  /** The same string as `names[i]` when that is already lower case. */
  readonly lowerNames: string[] = [];
  subscription = new Uint32Array(0);
  groupName = new Uint32Array(0);
  group = new Uint32Array(0);
  location = new Uint32Array(0);
  powerState = new Uint32Array(0);
  agent = new Uint32Array(0);
  vault = new Uint32Array(0);
  state = new Uint32Array(0);
  osType = new Uint8Array(0);
  /** Where row i's lower-case name starts in `joinedNames` (size + 1 entries: the last is the end). */
  nameStart = new Uint32Array(1);
  private joined = '';
  private pendingNames: string[] = [];
  /** ARM ids not spelled as vmId(sub, group, name) rebuilds them, by row. */
  private readonly oddIds = new Map<number, string>();
  /** Rows by lower-case name (a number, or several rows when a name repeats across groups). */
  private readonly byName = new Map<string, number | number[]>();
  /** Rows by lower-case ARM id, only for ids that do not parse as a VM id. */
  private readonly byOddId = new Map<string, number>();
  /**
   * Each row's place in the order results tie-break on (shorter name, then A-Z by name and
   * group, then row): computed once a load is complete; rows from `ranked` on have none yet.
   */
  rank: Uint32Array | undefined;
  ranked = 0;

  /** Lower-case names, each followed by '\n' (a query word never holds whitespace, so never spans two). */
  joinedNames(): string {
    if (this.pendingNames.length > 0) {
      this.joined += this.pendingNames.join('');
      this.pendingNames = [];
    }
    return this.joined;
  }

  add(vm: VirtualMachine, protection?: InventoryProtection): number {
    const row = this.size;
    if (row === this.capacity) this.reserve(Math.max(1024, this.capacity * 2));
    const lower = vm.name.toLowerCase();
    this.names.push(vm.name);
    this.lowerNames.push(lower === vm.name ? vm.name : lower);
    this.pendingNames.push(`${lower}\n`);
    this.nameStart[row + 1] = this.nameStart[row] + lower.length + 1;
    this.subscription[row] = this.subscriptions.id(vm.subscriptionId);
    this.groupName[row] = this.groupNames.id(vm.resourceGroup);
    const groupKey = `${vm.subscriptionId.toLowerCase()}/${vm.resourceGroup.toLowerCase()}`;
    const group = this.groups.id(groupKey);
    if (group === this.groupLower.length) this.groupLower.push(vm.resourceGroup.toLowerCase());
    this.group[row] = group;
    this.location[row] = this.locations.id(vm.location);
    this.powerState[row] = vm.powerState === undefined ? 0 : this.powerStates.id(vm.powerState);
    this.agent[row] = this.agents.id(vm.agent);
    this.osType[row] = vm.osType === 'Windows' ? 1 : vm.osType === 'Linux' ? 2 : 0;
    this.setProtectionAt(row, protection);
    if (vm.id !== vmId(vm.subscriptionId, vm.resourceGroup, vm.name)) {
      this.oddIds.set(row, vm.id);
      if (!VM_ID.test(vm.id.toLowerCase())) this.byOddId.set(vm.id.toLowerCase(), row);
    }
    const same = this.byName.get(lower);
    if (same === undefined) this.byName.set(lower, row);
    else if (typeof same === 'number') this.byName.set(lower, [same, row]);
    else same.push(row);
    this.size = row + 1;
    return row;
  }

  private reserve(capacity: number): void {
    this.subscription = grown(this.subscription, capacity);
    this.groupName = grown(this.groupName, capacity);
    this.group = grown(this.group, capacity);
    this.location = grown(this.location, capacity);
    this.powerState = grown(this.powerState, capacity);
    this.agent = grown(this.agent, capacity);
    this.vault = grown(this.vault, capacity);
    this.state = grown(this.state, capacity);
    this.osType = grown(this.osType, capacity);
    this.nameStart = grown(this.nameStart, capacity + 1);
    this.capacity = capacity;
  }

  /** Gives back the room grown for pages that never came, and ranks the rows: the load is complete. */
  seal(): void {
    if (this.capacity > this.size) {
      const n = this.size;
      this.subscription = this.subscription.slice(0, n);
      this.groupName = this.groupName.slice(0, n);
      this.group = this.group.slice(0, n);
      this.location = this.location.slice(0, n);
      this.powerState = this.powerState.slice(0, n);
      this.agent = this.agent.slice(0, n);
      this.vault = this.vault.slice(0, n);
      this.state = this.state.slice(0, n);
      this.osType = this.osType.slice(0, n);
      this.nameStart = this.nameStart.slice(0, n + 1);
      this.capacity = n;
    }
    this.joinedNames();
    const order = new Uint32Array(this.size);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const rows = Array.from(order);
    rows.sort((a, b) => this.compareRows(a, b));
    const rank = new Uint32Array(this.size);
    for (let r = 0; r < rows.length; r++) rank[rows[r]] = r;
    this.rank = rank;
    this.ranked = this.size;
  }

  /** Shorter names first, then A-Z by name and resource group (lower case), then by row. */
  compareRows(a: number, b: number): number {
    const rank = this.rank;
    if (rank !== undefined && a < this.ranked && b < this.ranked) return rank[a] - rank[b];
    const na = this.lowerNames[a];
    const nb = this.lowerNames[b];
    if (na.length !== nb.length) return na.length - nb.length;
    if (na !== nb) return na < nb ? -1 : 1;
    const ga = this.groupLower[this.group[a]];
    const gb = this.groupLower[this.group[b]];
    if (ga !== gb) return ga < gb ? -1 : 1;
    return a - b;
  }

  /** The row of a VM by ARM id (any case), or -1. */
  find(id: string): number {
    const lower = id.toLowerCase();
    const parts = VM_ID.exec(lower);
    if (!parts) return this.byOddId.get(lower) ?? -1;
    const groupKey = `${parts[1]}/${parts[2]}`;
    const same = this.byName.get(parts[3]);
    if (same === undefined) return this.byOddId.get(lower) ?? -1;
    const rows = typeof same === 'number' ? [same] : same;
    for (const row of rows) if (this.groups.values[this.group[row]] === groupKey) return row;
    return this.byOddId.get(lower) ?? -1;
  }

  /** Rows whose name is `lowerName`, in load order. */
  rowsNamed(lowerName: string): number[] {
    const same = this.byName.get(lowerName);
    return same === undefined ? [] : typeof same === 'number' ? [same] : same.slice();
  }

  idAt(row: number): string {
    return this.oddIds.get(row) ?? vmId(this.subscriptions.values[this.subscription[row]], this.groupNames.values[this.groupName[row]], this.names[row]);
  }

  protectionAt(row: number): InventoryProtection | undefined {
    const vault = this.vault[row];
    return vault === 0 ? undefined : { vaultId: this.vaults.values[vault], state: this.states.values[this.state[row]] as ProtectionState };
  }

  setProtectionAt(row: number, protection: InventoryProtection | undefined): void {
    this.vault[row] = protection ? this.vaults.id(protection.vaultId) : 0;
    this.state[row] = protection ? this.states.id(protection.state) : 0;
  }

  /** A VM as the rest of the bot sees it: a new object each call (the columns are the truth). */
  entryAt(row: number): InventoryVm {
    const vm: VirtualMachine = {
      id: this.idAt(row),
      subscriptionId: this.subscriptions.values[this.subscription[row]],
      resourceGroup: this.groupNames.values[this.groupName[row]],
      name: this.names[row],
      location: this.locations.values[this.location[row]],
      agent: this.agents.values[this.agent[row]] as VirtualMachine['agent'],
    };
    const osType = OS_TYPES[this.osType[row]];
    if (osType !== undefined) vm.osType = osType;
    if (this.powerState[row] !== 0) vm.powerState = this.powerStates.values[this.powerState[row]];
    const protection = this.protectionAt(row);
    return protection ? { vm, protection } : { vm };
  }

  /** Every VM in load order, one at a time (for writing to the store without a copy of the list). */
  *entries(): IterableIterator<InventoryVm> {
    for (let row = 0; row < this.size; row++) yield this.entryAt(row);
  }
}
