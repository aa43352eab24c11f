// Which contracts the kit knows: the one place in the kit that names the providers' APIs.
import { dinisoftContract } from '../dinisoft/endpoints.js'
import { mimsmsContract } from '../mimsms/endpoints.js'
import { mimsmsJsonContract } from '../mimsms-json/endpoints.js'
import type { ProviderContract, ProviderName } from '../types.js'

export const providerContracts: Readonly<Record<ProviderName, ProviderContract>> = {
  dinisoft: dinisoftContract,
  mimsms: mimsmsContract,
  'mimsms-json': mimsmsJsonContract,
}

export const providerNames = Object.keys(providerContracts) as ProviderName[]

export function isProviderName(name: string): name is ProviderName {
  return Object.hasOwn(providerContracts, name)
}

/** The contract of `provider`, or an error naming the ones there are. */
export function contractFor(provider: string): ProviderContract {
  if (!isProviderName(provider)) {
    throw new Error(`Failed to find a contract for "${provider}": no such provider. Use one of: ${providerNames.join(', ')}.`)
  }
  return providerContracts[provider]
}
